# Selaras app image: the CLI and the HTTP API on :8000.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY loaders ./loaders
COPY queries ./queries
COPY api ./api
COPY demo ./demo
RUN pip install --no-cache-dir .
ENV SELARAS_STORE=/data/selaras.db PORT=8000
EXPOSE 8000
CMD ["sh", "-c", "selaras serve --host 0.0.0.0 --port ${PORT}"]
