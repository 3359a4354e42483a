// @ts-check
/**
 * Synthetic Dockerfiles of the three runtimes oomlint reads heap settings from, with the
 * multi-stage builds, ENV and ENTRYPOINT forms real images use.
 */

/** @typedef {import('./random.mjs').Random} Random */

/**
 * @param {Random} random
 * @param {string} service
 * @returns {string}
 */
export function dockerfile(random, service) {
  const heap = random.pick([256, 512, 768, 1024, 2048]);
  const runtime = random.pick(['jvm', 'node', 'go']);
  if (runtime === 'jvm') {
    return [
      `# ${service}: a Spring Boot service`,
      'FROM maven:3.9-eclipse-temurin-17 AS build',
      'WORKDIR /src',
      'COPY pom.xml .',
      'RUN mvn -q dependency:go-offline',
      'COPY . .',
      'RUN mvn -q package -DskipTests',
      '',
      `FROM ${random.pick(['eclipse-temurin:17-jre', 'eclipse-temurin:21-jre', 'openjdk:8u151-jre'])}`,
      `COPY --from=build /src/target/${service}.jar /app/${service}.jar`,
      random.chance(0.5) ? `ENV JAVA_TOOL_OPTIONS="-Xmx${heap}m -XX:+UseG1GC"` : 'ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=80.0"',
      'USER 10001',
      'EXPOSE 8080',
      `ENTRYPOINT ["java", "-jar", "/app/${service}.jar"]`,
      '',
    ].join('\n');
  }
  if (runtime === 'node') {
    return [
      `# ${service}: a Node.js web server`,
      'FROM node:20-alpine AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN npm ci --omit=dev',
      '',
      'FROM node:20-alpine',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      'ENV NODE_ENV=production',
      `ENV NODE_OPTIONS="--max-old-space-size=${heap}"`,
      'USER node',
      'CMD ["node", "dist/server.js"]',
      '',
    ].join('\n');
  }
  return [
    `# ${service}: a static Go binary`,
    'FROM golang:1.23 AS build',
    'WORKDIR /src',
    'COPY go.mod go.sum ./',
    'RUN go mod download',
    'COPY . .',
    `RUN CGO_ENABLED=0 go build -trimpath -o /out/${service} ./cmd/${service}`,
    '',
    'FROM gcr.io/distroless/static:nonroot',
    `COPY --from=build /out/${service} /${service}`,
    `ENV GOMEMLIMIT=${heap}MiB`,
    `ENTRYPOINT ["/${service}"]`,
    '',
  ].join('\n');
}
