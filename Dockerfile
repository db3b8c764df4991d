# Footnote's bot in a container. Not built in the project's CI (no registry for base images there); see README.
# Run: docker run --restart=on-failure --env-file .env -v footnote-data:/app/data footnote
# The container exits 1 after an uncaught exception and the restart policy starts a fresh one; HEALTHCHECK marks it
# unhealthy while the Discord gateway is not connected (an orchestrator may replace it; plain Docker only reports it).
FROM node:20-bookworm-slim

# hnswlib-node compiles against Node's headers; onnxruntime-node's optional CUDA download is skipped.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV ONNXRUNTIME_NODE_INSTALL=skip ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm_config_nodedir=/usr/local NODE_ENV=production

WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY src ./src
COPY seeds ./seeds
COPY tsconfig.json ./
# Convert the encoder and build the index of seeds/ now, so a start is only the connection.
RUN mkdir -p data embeddings .models && npx tsx src/cli/main.ts ingest && chown -R node:node data embeddings .models

USER node
ENV HEALTH_PORT=8081 HEALTH_HOST=127.0.0.1
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8081/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
