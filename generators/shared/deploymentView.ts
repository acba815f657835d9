import type { DbProvider } from "../../src/ir/types.js";
import { yamlScalar } from "../../src/emit/yamlScalar.js";

/** A database server compose.yaml runs next to the API (every value printed as a YAML scalar by the template). */
export interface DatabaseServiceView {
  /** The compose service name, also the host name in `databaseUrl`. */
  service: string;
  image: string;
  /** Its environment, as `[name, YAML scalar]`. */
  environment: [string, string][];
  /** Its healthcheck command, as a YAML flow sequence (`["CMD-SHELL", "pg_isready ..."]`). */
  healthcheck: string;
  /** Where it keeps its data (a named volume is mounted there). */
  dataPath: string;
  /** DATABASE_URL of the API in compose (a YAML scalar). */
  databaseUrl: string;
  /** Extra start-up arguments (`command`, a YAML flow sequence), or empty. */
  command: string;
}

/** What the Dockerfile, .dockerignore and compose.yaml say: decided here, printed by the templates. */
export interface DeploymentView {
  /** The compose project name (a YAML scalar): the package name. */
  projectName: string;
  /** The package name as it is (kebab case: letters, digits, dashes), for the Dockerfile's comment. */
  imageName: string;
  nodeImage: string;
  port: number;
  hasDb: boolean;
  /** SQLite: the database file lives in `/data` (a volume), owned by the non-root user. */
  sqlite: boolean;
  /** SQLite: DATABASE_URL in the image (a Dockerfile ENV value: no spaces, no quotes). */
  sqliteUrl: string;
  /** HEALTHCHECK's exec form: a JSON array running node's fetch against the liveness probe. */
  healthcheckJson: string;
  /** compose's start command: push the schema, then start (a YAML flow sequence), or the image's CMD when empty. */
  apiCommand: string;
  database: DatabaseServiceView | undefined;
  /** DATABASE_URL of the API in compose (a YAML scalar; over a `.env` one), or empty without a database. */
  apiDatabaseUrl: string;
}

/** `items` as a YAML flow sequence of double-quoted scalars. */
function flow(items: readonly string[]): string {
  return `[${items.map((item) => yamlScalar(item)).join(", ")}]`;
}

const local = { user: "app", password: "app-local-only", database: "app" };

/** The database server of each provider with a driver adapter (MongoDB has no database layer: none). */
function databaseService(provider: DbProvider): DatabaseServiceView | undefined {
  switch (provider) {
    case "postgresql":
      return {
        service: "postgres",
        image: "postgres:16-alpine",
        environment: [
          ["POSTGRES_USER", yamlScalar(local.user)],
          ["POSTGRES_PASSWORD", yamlScalar(local.password)],
          ["POSTGRES_DB", yamlScalar(local.database)],
        ],
        healthcheck: flow(["CMD-SHELL", `pg_isready -U ${local.user} -d ${local.database}`]),
        dataPath: "/var/lib/postgresql/data",
        databaseUrl: yamlScalar(`postgresql://${local.user}:${local.password}@postgres:5432/${local.database}`),
        command: "",
      };
    case "cockroachdb":
      return {
        service: "cockroach",
        image: "cockroachdb/cockroach:latest-v24.3",
        environment: [],
        healthcheck: flow(["CMD", "curl", "-fsS", "http://localhost:8080/health?ready=1"]),
        dataPath: "/cockroach/cockroach-data",
        databaseUrl: yamlScalar("postgresql://root@cockroach:26257/defaultdb?sslmode=disable"),
        command: flow(["start-single-node", "--insecure"]),
      };
    case "mysql":
      return {
        service: "mysql",
        image: "mysql:8.4",
        environment: [
          ["MYSQL_ROOT_PASSWORD", yamlScalar(local.password)],
          ["MYSQL_DATABASE", yamlScalar(local.database)],
        ],
        healthcheck: flow(["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", `-p${local.password}`]),
        dataPath: "/var/lib/mysql",
        databaseUrl: yamlScalar(`mysql://root:${local.password}@mysql:3306/${local.database}`),
        command: "",
      };
    case "sqlserver":
      return {
        service: "sqlserver",
        image: "mcr.microsoft.com/mssql/server:2022-latest",
        environment: [
          ["ACCEPT_EULA", yamlScalar("Y")],
          ["MSSQL_SA_PASSWORD", yamlScalar("App-local-0nly!")],
        ],
        healthcheck: flow([
          "CMD-SHELL",
          "/opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P 'App-local-0nly!' -Q 'SELECT 1' || exit 1",
        ]),
        dataPath: "/var/opt/mssql",
        databaseUrl: yamlScalar(
          "sqlserver://sqlserver:1433;database=master;user=sa;password=App-local-0nly!;trustServerCertificate=true",
        ),
        command: "",
      };
    default:
      return undefined;
  }
}

/**
 * The deployment files' view: a multi-stage image on `node:20-slim` (build with every dependency and the Prisma client
 * generated, run as the non-root `node` user with production dependencies only, a HEALTHCHECK on the liveness probe),
 * and a compose file running it with its database server (by provider; SQLite: a volume) and Redis, each with a
 * healthcheck the API waits for.
 */
export function deploymentView({
  packageName,
  provider,
  liveness,
}: {
  packageName: string;
  provider: DbProvider | undefined;
  liveness: string;
}): DeploymentView {
  const port = 3000;
  const probe = `fetch("http://127.0.0.1:" + (process.env.PORT || ${port}) + ${JSON.stringify(liveness)}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
  const hasDb = provider !== undefined && provider !== "mongodb";
  const database = provider === undefined ? undefined : databaseService(provider);
  const sqliteUrl = "file:/data/app.db";
  return {
    projectName: yamlScalar(packageName),
    imageName: /^[a-z0-9][a-z0-9-]*$/.test(packageName) ? packageName : "api",
    nodeImage: "node:20-slim",
    port,
    hasDb,
    sqlite: provider === "sqlite",
    sqliteUrl,
    healthcheckJson: JSON.stringify(["node", "-e", probe]),
    apiCommand: hasDb ? flow(["sh", "-c", "node dist/generated/db/dbPush.js && exec node dist/server.js"]) : "",
    database,
    apiDatabaseUrl: provider === "sqlite" ? yamlScalar(sqliteUrl) : (database?.databaseUrl ?? ""),
  };
}
