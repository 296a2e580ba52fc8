# syntax=docker/dockerfile:1
# One image for both the api and the worker; docker-compose.yml picks the command.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: a known npm bug with the lockfile's @swc/core optional
# platform packages breaks ci; install picks the right one for the build platform.
RUN npm install --no-audit --no-fund
COPY . .
# tsc emits only .js; the migrator reads its SQL from beside the compiled db/ code.
RUN npm run build \
 && mkdir -p dist/db/migrations \
 && cp -R db/migrations/. dist/db/migrations/

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    MUTAFLOW_DATA_DIR=/data \
    MUTAFLOW_FILES_DIR=/data/files
WORKDIR /app
# The full node_modules, dev dependencies included: the worker bundles the workflow code
# at start-up, and that needs @swc/core.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web UI's static files, served by the API from beside dist/.
COPY --from=build /app/web ./web
# Owned by `node` in the image so that a new named volume mounted here starts out
# writable by it (Docker copies the image's ownership into an empty volume).
RUN mkdir -p /data/files && chown -R node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
