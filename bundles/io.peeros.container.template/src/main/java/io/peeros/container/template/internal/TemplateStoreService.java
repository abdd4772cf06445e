package io.peeros.container.template.internal;

import io.peeros.container.api.ContainerException;
import io.peeros.container.api.ContainerInfo;
import io.peeros.container.api.ContainerManager;
import io.peeros.container.api.Template;
import io.peeros.container.api.TemplateException;
import io.peeros.container.api.TemplateInfo;
import io.peeros.container.api.TemplateProgress;
import io.peeros.container.api.TemplateStore;
import io.peeros.identity.api.PeerIdentity;
import io.peeros.identity.api.TrustService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TemplateStore} in a directory of this peer. Imports are verified and staged outside any lock and
 * committed by one rename under the store lock, which also guards removal; reads take no lock (a template
 * directory appears and disappears atomically).
 */
@Component(service = TemplateStore.class, configurationPid = "io.peeros.container.template.TemplateStore")
@Designate(ocd = TemplateStoreService.Config.class)
public class TemplateStoreService implements TemplateStore {

    @ObjectClassDefinition(name = "PeerOS template store")
    public @interface Config {
        @AttributeDefinition(description = "Store directory; empty means ${karaf.data}/peeros/templates")
        String storeDir() default "";

        @AttributeDefinition(description = "The container manager's LXC path: export reads stopped containers there")
        String lxcPath() default "/var/lib/lxc";

        @AttributeDefinition(description = "zstd level of build and export (1-19): 9 packs Debian in 2 s, 19 is 13 % smaller and takes 95 s",
                min = "1", max = "19")
        int zstdLevel() default 9;

        @AttributeDefinition(description = "Files a template's lxc.include may name")
        String[] allowedIncludes() default {"/usr/share/lxc/config/common.conf"};
    }

    private static final Logger LOG = LoggerFactory.getLogger(TemplateStoreService.class);

    private final ContainerManager containers;
    private final StoreSettings settings;
    private final StoreLayout layout;
    private final ConfigPolicy policy;
    private final TemplateImport importer;
    private final TemplateBuilder builder;
    private final Object lock = new Object();

    @Activate
    public TemplateStoreService(@Reference(name = "identity") PeerIdentity identity,
            @Reference(name = "trust") TrustService trust,
            @Reference(name = "containers") ContainerManager containers, Config config) throws IOException {
        this.containers = containers;
        this.settings = StoreSettings.from(config);
        this.layout = new StoreLayout(settings.storeDir());
        this.policy = new ConfigPolicy(settings.allowedIncludes());
        String arch = StoreSettings.hostArchitecture();
        this.importer = new TemplateImport(layout, identity, trust, policy, arch, lock);
        this.builder = new TemplateBuilder(identity, policy, new RootfsPacker(settings.zstdLevel()), arch);
        layout.open();
        LOG.info("Template store in {} with {} templates", settings.storeDir(), list().size());
    }

    @Override
    public TemplateInfo importArchive(Path archive, TemplateProgress progress) {
        TemplateMetadata m = importer.run(archive, progress == null ? TemplateProgress.NONE : progress);
        LOG.info("Imported template {} from {}, published by {}", m.id(), archive, m.publisher());
        return m.info();
    }

    @Override
    public List<TemplateInfo> list() {
        try {
            return layout.all((dir, e) -> LOG.warn("Template directory {} left out of the list: {}", dir, e.getMessage()))
                    .stream().map(TemplateMetadata::info)
                    .sorted(Comparator.comparing(TemplateInfo::name).thenComparing(TemplateInfo::version,
                            TemplateNames.VERSION_ORDER))
                    .toList();
        } catch (IOException e) {
            throw failure("list the templates in " + settings.storeDir(), e);
        }
    }

    @Override
    public TemplateInfo info(String name, String version) {
        return find(name, version).info();
    }

    @Override
    public Template get(String name, String version) {
        TemplateMetadata m = find(name, version);
        return new Template(m.id(), layout.dir(m.name(), m.version()));
    }

    @Override
    public void remove(String name, String version) {
        TemplateNames.checkName(name);
        synchronized (lock) {
            List<TemplateMetadata> doomed = version == null ? versions(name) : List.of(find(name, version));
            if (doomed.isEmpty()) {
                throw notFound(name, null);
            }
            for (TemplateMetadata m : doomed) {
                refuseInUse(m);
            }
            for (TemplateMetadata m : doomed) {
                try {
                    layout.discard(m.name(), m.version());
                } catch (IOException e) {
                    throw failure("remove template " + m.id(), e);
                }
                LOG.info("Removed template {}", m.id());
            }
        }
    }

    @Override
    public void writeArchive(String name, String version, OutputStream out) {
        TemplateMetadata m = find(name, version);
        Path dir = layout.dir(m.name(), m.version());
        try {
            ArchiveFormat.write(out, Files.readAllBytes(dir.resolve(StoreLayout.METADATA)),
                    Files.readAllBytes(dir.resolve(StoreLayout.SIGNATURE)), Files.readAllBytes(dir.resolve(StoreLayout.CONFIG)),
                    dir.resolve(StoreLayout.ROOTFS_ZST), m.created().getEpochSecond(), n -> { });
        } catch (IOException e) {
            throw failure("write the archive of " + m.id(), e);
        }
    }

    @Override
    public TemplateInfo build(Path source, String name, String version, String parent, Path archive,
            TemplateProgress progress) {
        TemplateMetadata.Parent p = parent == null ? null : parentOf(TemplateNames.parseId(parent));
        Path rootfs = source.resolve(StoreLayout.ROOTFS);
        boolean templateDir = Files.isDirectory(rootfs);
        if (!Files.isDirectory(source)) {
            throw new TemplateException(ContainerException.INVALID_REQUEST, "no directory at " + source);
        }
        if (templateDir && !Files.isRegularFile(source.resolve(StoreLayout.CONFIG))) {
            throw new TemplateException(ContainerException.INVALID_REQUEST, source + " has a rootfs/ but no config");
        }
        return withScratch(scratch -> {
            String config = templateDir ? Files.readString(source.resolve(StoreLayout.CONFIG)) : ConfigPolicy.DEFAULT_CONFIG;
            TemplateInfo info = builder.build(RootfsPacker.tarCommand((templateDir ? rootfs : source).toString()), config,
                    name, version, p, scratch, archive, orNone(progress));
            LOG.info("Built template {} into {}", info.id(), archive);
            return info;
        });
    }

    @Override
    public TemplateInfo export(String container, String name, String version, Path archive, TemplateProgress progress) {
        ContainerInfo c = containers.info(container);
        TemplateMetadata.Parent parent = null;
        if (c.template() != null && c.template().contains(":")) {
            String[] id = c.template().split(":", 2);
            if (TemplateNames.isName(id[0]) && TemplateNames.isVersion(id[1])) {
                parent = layout.metadata(id[0], id[1]).map(m -> new TemplateMetadata.Parent(m.name(), m.version(),
                        m.rootfsSha256())).orElse(null);
            }
        }
        TemplateMetadata.Parent p = parent;
        return withScratch(scratch -> {
            List<String> tar = ContainerRootfs.tarCommand(settings.lxcPath(), c, scratch);
            String config = policy.filter(ContainerRootfs.config(settings.lxcPath(), container));
            TemplateInfo info = builder.build(tar, config, name, version, p, scratch, archive, orNone(progress));
            LOG.info("Exported container {} as template {} into {}", container, info.id(), archive);
            return info;
        });
    }

    private TemplateMetadata.Parent parentOf(String[] id) {
        TemplateMetadata m = layout.metadata(id[0], id[1]).orElseThrow(() -> new TemplateException(
                TemplateException.PARENT_MISSING, "the parent " + id[0] + ":" + id[1] + " is not in the store"));
        return new TemplateMetadata.Parent(m.name(), m.version(), m.rootfsSha256());
    }

    /** A container created from it, or a stored template naming it as parent, keeps a template in the store. */
    private void refuseInUse(TemplateMetadata m) {
        List<String> users = new ArrayList<>();
        for (ContainerInfo c : containers.list()) {
            if (m.id().equals(c.template())) {
                users.add("container " + c.name());
            }
        }
        for (TemplateInfo t : list()) {
            if (m.id().equals(t.parent())) {
                users.add("template " + t.id());
            }
        }
        if (!users.isEmpty()) {
            throw new TemplateException(ContainerException.IN_USE, "template " + m.id() + " is in use by " + users);
        }
    }

    private TemplateMetadata find(String name, String version) {
        TemplateNames.checkName(name);
        if (version == null) {
            List<TemplateMetadata> all = versions(name);
            if (all.isEmpty()) {
                throw notFound(name, null);
            }
            return all.get(all.size() - 1);
        }
        TemplateNames.checkVersion(version);
        return layout.metadata(name, version).orElseThrow(() -> notFound(name, version));
    }

    /** The stored versions of {@code name}, oldest first. */
    private List<TemplateMetadata> versions(String name) {
        try {
            return layout.all((dir, e) -> { }).stream().filter(m -> m.name().equals(name))
                    .sorted(Comparator.comparing(TemplateMetadata::version, TemplateNames.VERSION_ORDER)).toList();
        } catch (IOException e) {
            throw failure("list the versions of " + name, e);
        }
    }

    private interface ScratchWork<T> {
        T run(Path scratch) throws IOException;
    }

    private <T> T withScratch(ScratchWork<T> work) {
        Path scratch = null;
        try {
            scratch = layout.newStaging();
            return work.run(scratch);
        } catch (IOException e) {
            throw failure("pack the template", e);
        } finally {
            if (scratch != null) {
                try {
                    StoreLayout.deleteTree(scratch);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", scratch, e.getMessage());
                }
            }
        }
    }

    private static TemplateProgress orNone(TemplateProgress p) {
        return p == null ? TemplateProgress.NONE : p;
    }

    private static TemplateException notFound(String name, String version) {
        return new TemplateException(ContainerException.NOT_FOUND, "no template " + name
                + (version == null ? "" : " " + version) + " in the store");
    }

    private static TemplateException failure(String what, IOException e) {
        return new TemplateException(TemplateException.STORE_FAILURE, "could not " + what + ": " + e, e);
    }
}
