package io.pricewire.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything a deployment can vary, read once from the CDK context ({@code cdk.json} or
 * {@code -c key=value}) and validated before any construct is built, so a wrong value fails the
 * synth with one message listing every problem instead of a stack trace from deep inside CDK.
 *
 * @param serviceJar        service fat jar (context {@code serviceJar})
 * @param lambdaJar         cold-refresh Lambda jar (context {@code lambdaJar})
 * @param monitoringDir     the repository's {@code monitoring/} folder (context {@code monitoringDir})
 * @param tableName         DynamoDB table name (context {@code tableName})
 * @param historyTableName  DynamoDB table of price history (context {@code historyTableName})
 * @param certificateArn    ACM certificate for HTTPS on the load balancer (context {@code certificateArn})
 * @param originDomainName  DNS name covered by that certificate, pointed at the load balancer, that
 *                          CloudFront connects to over HTTPS (context {@code originDomainName}); given
 *                          exactly when {@code certificateArn} is
 * @param adminCidr         the only CIDR allowed to Prometheus and Grafana (context {@code adminCidr})
 * @param alarmEmail        address the alarm topic e-mails (context {@code alarmEmail})
 * @param requestsPerTarget ALB requests per second per instance to scale at (context {@code requestsPerTarget})
 * @param minCapacity       fewest service instances (context {@code minCapacity})
 * @param desiredCapacity   service instances at deploy time (context {@code desiredCapacity})
 * @param maxCapacity       most service instances (context {@code maxCapacity})
 */
public record DeploymentSettings(
        Path serviceJar,
        Path lambdaJar,
        Path monitoringDir,
        String tableName,
        String historyTableName,
        Optional<String> certificateArn,
        Optional<String> originDomainName,
        Optional<String> adminCidr,
        Optional<String> alarmEmail,
        int requestsPerTarget,
        int minCapacity,
        int desiredCapacity,
        int maxCapacity) {

    public static final String DEFAULT_SERVICE_JAR = "../service/target/pricewire-service-all.jar";
    public static final String DEFAULT_LAMBDA_JAR = "../lambda-cold-refresh/target/lambda-cold-refresh.jar";
    public static final String DEFAULT_MONITORING_DIR = "../monitoring";
    public static final String DEFAULT_TABLE_NAME = "prices";
    public static final String DEFAULT_HISTORY_TABLE_NAME = "price_history";
    public static final int DEFAULT_REQUESTS_PER_TARGET = 1000;
    public static final int DEFAULT_MIN_CAPACITY = 2;
    public static final int DEFAULT_DESIRED_CAPACITY = 2;
    public static final int DEFAULT_MAX_CAPACITY = 6;

    private static final String BUILD_HINT = "build the jars first: `mvn -DskipTests package` at the repository root";
    private static final Pattern CERTIFICATE_ARN =
            Pattern.compile("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[A-Za-z0-9-]+");
    private static final Pattern IPV4_CIDR =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    /** Thrown with every problem found, one per line. */
    public static final class InvalidSettingsException extends IllegalArgumentException {
        public InvalidSettingsException(List<String> problems) {
            super("invalid deployment settings:\n  - " + String.join("\n  - ", problems));
        }
    }

    /**
     * Reads the settings.
     *
     * @param context the CDK context ({@code app.getNode()::tryGetContext}); values may be strings
     *                ({@code -c}) or JSON numbers ({@code cdk.json})
     * @param baseDir what relative paths are relative to (the {@code cdk/} folder when the CLI runs the app)
     */
    public static DeploymentSettings fromContext(Function<String, Object> context, Path baseDir) {
        Reader reader = new Reader(context, baseDir);
        Path serviceJar = reader.file("serviceJar", DEFAULT_SERVICE_JAR);
        Path lambdaJar = reader.file("lambdaJar", DEFAULT_LAMBDA_JAR);
        Path monitoringDir = reader.monitoringDir();
        String tableName = reader.tableName("tableName", DEFAULT_TABLE_NAME);
        String historyTableName = reader.tableName("historyTableName", DEFAULT_HISTORY_TABLE_NAME);
        if (tableName.equals(historyTableName)) {
            // one table cannot have both key schemas, and CloudFormation would refuse the second table of that name
            reader.problems.add("tableName and historyTableName must differ, both are '" + tableName + "'");
        }
        Optional<String> certificateArn = reader.text("certificateArn");
        certificateArn
                .filter(arn -> !CERTIFICATE_ARN.matcher(arn).matches())
                .ifPresent(arn -> reader.problems.add(
                        "certificateArn must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got '"
                                + arn + "'"));
        Optional<String> originDomainName = reader.text("originDomainName");
        originDomainName
                .filter(name -> !DOMAIN_NAME.matcher(name).matches())
                .ifPresent(name -> reader.problems.add(
                        "originDomainName must be a DNS name such as origin.example.com, got '" + name + "'"));
        if (certificateArn.isPresent() != originDomainName.isPresent()) {
            reader.problems.add(
                    "certificateArn and originDomainName go together: CloudFront reaches an HTTPS load balancer "
                            + "through a DNS name its certificate covers (point that name at the load balancer)");
        }
        Optional<String> adminCidr = reader.text("adminCidr");
        adminCidr.ifPresent(reader::checkAdminCidr);
        Optional<String> alarmEmail = reader.text("alarmEmail");
        alarmEmail
                .filter(email -> !EMAIL.matcher(email).matches())
                .ifPresent(email -> reader.problems.add("alarmEmail must be an e-mail address, got '" + email + "'"));
        int requestsPerTarget = reader.positiveInt("requestsPerTarget", DEFAULT_REQUESTS_PER_TARGET);
        int min = reader.positiveInt("minCapacity", DEFAULT_MIN_CAPACITY);
        int desired = reader.positiveInt("desiredCapacity", DEFAULT_DESIRED_CAPACITY);
        int max = reader.positiveInt("maxCapacity", DEFAULT_MAX_CAPACITY);
        if (min > desired || desired > max) {
            reader.problems.add(
                    "capacities must satisfy minCapacity <= desiredCapacity <= maxCapacity, got %d / %d / %d"
                            .formatted(min, desired, max));
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return new DeploymentSettings(
                serviceJar,
                lambdaJar,
                monitoringDir,
                tableName,
                historyTableName,
                certificateArn,
                originDomainName,
                adminCidr,
                alarmEmail,
                requestsPerTarget,
                min,
                desired,
                max);
    }

    private static final class Reader {
        private final Function<String, Object> context;
        private final Path baseDir;
        private final List<String> problems = new ArrayList<>();

        Reader(Function<String, Object> context, Path baseDir) {
            this.context = context;
            this.baseDir = baseDir;
        }

        Optional<String> text(String key) {
            Object value = context.apply(key);
            return value == null
                    ? Optional.empty()
                    : Optional.of(value.toString().strip()).filter(s -> !s.isEmpty());
        }

        String tableName(String key, String defaultValue) {
            String name = text(key).orElse(defaultValue);
            if (!TABLE_NAME.matcher(name).matches()) {
                problems.add(key + " must be 3-255 characters of letters, digits, _ . -, got '" + name + "'");
            }
            return name;
        }

        Path path(String key, String defaultValue) {
            return baseDir.toAbsolutePath()
                    .resolve(text(key).orElse(defaultValue))
                    .normalize();
        }

        Path file(String key, String defaultValue) {
            Path file = path(key, defaultValue);
            if (!Files.isRegularFile(file)) {
                problems.add(key + ": no file at " + file.toAbsolutePath() + " — " + BUILD_HINT + ", or pass -c " + key
                        + "=PATH");
            }
            return file;
        }

        Path monitoringDir() {
            Path dir = path("monitoringDir", DEFAULT_MONITORING_DIR);
            if (!Files.isDirectory(dir)) {
                problems.add(
                        "monitoringDir: no folder at " + dir.toAbsolutePath() + " — the Prometheus/Grafana host is "
                                + "configured from the repository's monitoring/ folder; restore it or pass -c monitoringDir=PATH");
            } else if (!Files.isRegularFile(dir.resolve("prometheus/prometheus.yml"))) {
                problems.add("monitoringDir: " + dir.toAbsolutePath() + " has no prometheus/prometheus.yml");
            }
            return dir;
        }

        int positiveInt(String key, int defaultValue) {
            Optional<String> raw = text(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            try {
                // cdk.json numbers arrive as doubles ("1000.0") through jsii
                double value = Double.parseDouble(raw.get());
                if (value >= 1 && value <= 1_000_000 && value == Math.rint(value)) {
                    return (int) value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(key + " must be a whole number >= 1, got '" + raw.get() + "'");
            return defaultValue;
        }

        void checkAdminCidr(String cidr) {
            var m = IPV4_CIDR.matcher(cidr);
            if (!m.matches()
                    || Integer.parseInt(m.group(5)) > 32
                    || List.of(1, 2, 3, 4).stream().anyMatch(i -> Integer.parseInt(m.group(i)) > 255)) {
                problems.add("adminCidr must be an IPv4 CIDR such as 203.0.113.7/32, got '" + cidr + "'");
            } else if (Integer.parseInt(m.group(5)) == 0) {
                problems.add(
                        "adminCidr must not be /0: Prometheus and Grafana are for administrators, not the internet");
            }
        }
    }
}
