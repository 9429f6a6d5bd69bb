# lucid-env as a container: built from this repository, run on a distroless Node.js image as a non-root
# user with no shell and no package manager (the rules `lucid-env audit` checks for).
#   docker build -t lucid-env .
#   docker run --rm -v "$PWD:/work" lucid-env check -f compose.yaml -e .env
# Pin both images by digest (image@sha256:...) in your own builds for reproducible, reviewed updates.

FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY templates ./templates
RUN node scripts/build.mjs --no-tests && npm prune --omit=dev --no-audit --no-fund

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY --from=build /build/package.json ./package.json
COPY --from=build /build/node_modules ./node_modules
COPY --from=build /build/dist ./dist
COPY --from=build /build/templates ./templates
# 65532 is distroless's `nonroot` user; its home holds the per-user code cache (skipped when read-only).
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["/nodejs/bin/node", "/app/dist/bin/lucid-env.js"]
CMD ["--help"]
