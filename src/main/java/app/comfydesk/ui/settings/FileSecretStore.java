package app.comfydesk.ui.settings;

import app.comfydesk.api.ApiJson;
import app.comfydesk.files.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Secrets in a JSON file readable only by the user: created with POSIX mode 0600 (never world-readable, not even
 * for a moment), or an owner-only ACL on Windows. Used where no OS credential store is available.
 */
public final class FileSecretStore implements SecretStore {

    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;

    public FileSecretStore(Path configFolder) {
        this.file = configFolder.resolve("secrets.json");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> get(String key) throws IOException {
        return Optional.ofNullable(read().get(key));
    }

    @Override
    public synchronized void put(String key, String value) throws IOException {
        Map<String, String> secrets = read();
        if (value == null || value.isBlank()) {
            if (secrets.remove(key) == null) {
                return;
            }
        } else {
            secrets.put(key, value.strip());
        }
        write(secrets);
    }

    @Override
    public synchronized void delete(String key) throws IOException {
        put(key, null);
    }

    @Override
    public String description() {
        return "a file readable only by you (" + file + ")";
    }

    private Map<String, String> read() throws IOException {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
    }

    private void write(Map<String, String> secrets) throws IOException {
        if (POSIX) {
            Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(ownerOnly);
            AtomicFiles.write(file, JSON.writeValueAsBytes(secrets), mode);
            Files.setPosixFilePermissions(file, ownerOnly);
        } else {
            AtomicFiles.write(file, JSON.writeValueAsBytes(secrets));
            restrictToOwner(file);
        }
    }

    private static void restrictToOwner(Path path) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(path);
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        acl.setAcl(List.of(entry));
    }
}
