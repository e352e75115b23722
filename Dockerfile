# pgsim as an image: the compiled package on a slim Node 20, run as a non-root user, state in a volume.
#   docker build -t pgsim:local .
#   docker run --rm -p 127.0.0.1:8443:8443 -p 127.0.0.1:8444:8444 -v pgsim-data:/data pgsim:local

# Build: every dependency, the compile step, then the package exactly as `npm pack` makes it.
FROM node:20-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && mkdir /pack && npm pack --ignore-scripts --pack-destination /pack && mv /pack/pgsim-*.tgz /pack/pgsim.tgz

# Runtime: the package and its runtime dependencies only (no TypeScript, no bundler, no tests).
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PGSIM_DATA_DIR=/data
COPY --from=build /pack/pgsim.tgz /tmp/pgsim.tgz
RUN npm install --global --no-audit --no-fund /tmp/pgsim.tgz \
 && rm /tmp/pgsim.tgz \
 && npm cache clean --force \
 && mkdir -p /data \
 && chown node:node /data
COPY docker/healthcheck.mjs /usr/local/lib/pgsim/healthcheck.mjs
# The organization's CA, its ready file and the node's configuration live here, owned by the image's user.
VOLUME ["/data"]
USER node
WORKDIR /data
EXPOSE 8443 8444
# Healthy once the ready file is written and every server it lists accepts connections.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/usr/local/lib/pgsim/healthcheck.mjs", "/data/ready.json"]
CMD ["pgsim", "mock-exchange", "--listen-all", "--ready-file", "/data/ready.json", "--data-dir", "/data"]
