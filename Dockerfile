# noticewatch: the web server with the Slack app, reminders and change reports.
# Build: docker build -t noticewatch .
# Run:   docker run -p 8080:8080 -v noticewatch-data:/var/lib/noticewatch \
#          -e SLACK_BOT_TOKEN -e SLACK_SIGNING_SECRET noticewatch
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NOTICEWATCH_DATA_DIR=/var/lib/noticewatch

WORKDIR /app

COPY pyproject.toml README.md ./
COPY parsers ./parsers
COPY bot ./bot
# TODO: pin the dependencies with a lock file; pyproject.toml bounds them from below only,
# so two builds can install different versions.
# hadolint ignore=DL3013
RUN pip install --no-cache-dir ".[postgres]"

# The bundled notices (read by `noticewatch run` from /app/data) and the Slack manifest.
COPY data ./data

RUN useradd --system --uid 10001 --home-dir /var/lib/noticewatch --create-home noticewatch
USER 10001

# The SQLite store (noticewatch.db) and generated files live here.
VOLUME ["/var/lib/noticewatch"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]

CMD ["noticewatch", "serve", "--host", "0.0.0.0", "--port", "8080"]
