package id.selaras.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.NullLogProvider;

/**
 * Runs a Neo4j Community DBMS in this JVM with only the Bolt connector open.
 *
 * <p>Usage: {@code Launcher --data DIR --port N}. DIR becomes the
 * Neo4j home (databases under DIR/data, internal logs under DIR/logs). Once the default
 * database is available, exactly one line {@code READY bolt://127.0.0.1:N} is printed to
 * stdout. The DBMS then runs until standard input reaches end of file (the parent closed it
 * or died) or the JVM gets SIGTERM; both shut it down cleanly.
 */
public final class Launcher {

    private static final String HOST = "127.0.0.1";
    private static final long READY_TIMEOUT_MS = 120_000;

    private Launcher() {}

    public static void main(String[] args) {
        // Keep stdout for our protocol lines only: anything else that writes to
        // System.out (libraries, stray printing) lands on stderr instead.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        Path data = null;
        int port = -1;
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--data" -> { data = Path.of(require(arg, value)).toAbsolutePath(); i++; }
                case "--port" -> { port = Integer.parseInt(require(arg, value)); i++; }
                case "--password" -> { password = require(arg, value); i++; }
                default -> fail("unknown argument: " + arg);
            }
        }
        if (data == null || port <= 0 || port > 65535) {
            fail("usage: Launcher --data DIR --port N [--password PW]");
        }

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(data);
            dbms = new DatabaseManagementServiceBuilder(data)
                    .setUserLogProvider(NullLogProvider.getInstance())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    // Bolt stops after the databases are checkpointed and closed; its two
                    // default 5 s grace periods only delay every stop, so shorten them.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                            Duration.ofMillis(500))
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time,
                            Duration.ofMillis(500))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                    // -Dselaras.pagecache.mb=N for stores larger than the tests' (benchmarks)
                    .setConfig(GraphDatabaseSettings.pagecache_memory,
                            ByteUnit.mebiBytes(Long.getLong("selaras.pagecache.mb", 512L)))
                    // Heap is -Xmx2g by default: let transactions use half of it in total,
                    // one at most 512 MiB (-Dselaras.txmemory.mb and -Dselaras.txtotal.mb
                    // raise them with the heap, for benchmarks on large graphs).
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                            ByteUnit.mebiBytes(Long.getLong("selaras.txtotal.mb", 1024L)))
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                            ByteUnit.mebiBytes(Long.getLong("selaras.txmemory.mb", 512L)))
                    // Tests make many small stores: don't reserve disk for tx logs up front.
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .build();
        } catch (Throwable t) {
            t.printStackTrace();
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            fail("failed to start Neo4j: " + root);
            return;
        }

        // Shared by the stdin-EOF path and the SIGTERM hook: whichever comes second
        // waits for the first to finish, so the JVM never halts mid-shutdown.
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            synchronized (stopped) {
                if (!stopped.getAndSet(true)) {
                    System.err.println("selaras-neo4j: shutting down");
                    dbms.shutdown();
                    System.err.println("selaras-neo4j: stopped");
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "selaras-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(READY_TIMEOUT_MS) || !boltListening(port)) {
            System.err.println("selaras-neo4j: database or Bolt not available in time");
            stop.run();
            System.exit(1);
        }

        if (password != null) {
            // In-process access bypasses auth: give user neo4j this password, no change needed.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", java.util.Map.of("pw", password));
        }

        protocol.println("READY bolt://" + HOST + ":" + port);
        protocol.flush();

        waitForEof(System.in);
        stop.run();
        System.exit(0);
    }

    /** Blocks until {@code in} reaches end of file or fails; any input bytes are ignored. */
    private static void waitForEof(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) != -1) {
                // Ignore anything the parent writes; only EOF matters.
            }
        } catch (IOException e) {
            System.err.println("selaras-neo4j: stdin failed (" + e + "), shutting down");
        }
    }

    private static boolean boltListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            fail(flag + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("selaras-neo4j: " + message);
        System.exit(2);
    }
}
