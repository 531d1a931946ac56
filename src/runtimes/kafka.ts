/**
 * Apache Kafka from Maven Central: Maven resolves runtimes/kafka/pom.xml (broker, storage formatter, console
 * tools) and copies every runtime jar into <cache>/runtimes/kafka/<version>/libs/. Maven's local repository
 * lives inside the cache too, so nothing lands in ~/.m2.
 */
import { join } from 'node:path';
import { pinHash, readRepoFile, type RuntimesConfig, runtimeDir, type InstallerContext } from './config.ts';
import { runLogged } from './exec.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';

export type KafkaContext = InstallerContext;

export function kafkaDir(cache: string, config: RuntimesConfig): string {
  return runtimeDir(cache, 'kafka', config.kafka.version);
}

export function kafkaHash(root: string, config: RuntimesConfig): string {
  return pinHash(config.kafka, readRepoFile(root, config.kafka.pom));
}

export async function installKafka(ctx: KafkaContext): Promise<InstallOutcome> {
  const { version, pom } = ctx.config.kafka;
  return installAtomically({
    force: ctx.force,
    dir: kafkaDir(ctx.cache, ctx.config),
    name: 'kafka',
    version,
    hash: kafkaHash(ctx.root, ctx.config),
    build: async (tmp) => {
      ctx.progress(`kafka: resolving Apache Kafka ${version} and its runtime dependencies with Maven (a few minutes cold)`);
      await runLogged({
        argv: [
          'mvn', '-B', '-q', '-f', join(ctx.root, pom), `-Dkafka.version=${version}`,
          `-Dmaven.repo.local=${join(ctx.cache, 'maven', 'repository')}`,
          'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${join(tmp, 'libs')}`,
        ],
        cwd: tmp,
        env: ctx.env,
        log: ctx.log,
        what: `mvn dependency:copy-dependencies (Kafka ${version})`,
        hint: 'Maven 3 and Java 17 are needed (apt-get install maven openjdk-17-jdk-headless), and Maven Central must be reachable',
      });
    },
  });
}
