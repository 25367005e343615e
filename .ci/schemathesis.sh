#!/usr/bin/env bash
# Fuzz the REST API against its own OpenAPI schema (schemathesis), on a live server with the demo data.
# Fixed seed, bounded time, as regency staff of Kota Pekalongan (reads, writes and other regions' 404s).
# Fails on any server error, or any response whose status, content type or body the schema does not describe.
# Usage: .ci/schemathesis.sh   (ST_MAX_EXAMPLES, ST_MAX_TIME, ST_SEED, ST_PORT override the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."

port="${ST_PORT:-8765}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A throwaway SQLite database and the in-process cache: nothing shared with the test suites.
export DJANGO_SETTINGS_MODULE=smartcity.settings.local
export DATABASE_URL="sqlite:///$work/fuzz.sqlite3"
export MEDIA_ROOT="$work/media"
export DEBUG=false
unset REDIS_URL CELERY_BROKER_URL
# The fuzzer sends thousands of requests a minute: throttling would turn most of them into 429s.
export API_THROTTLE_ANON=1000000/minute API_THROTTLE_USER=1000000/minute

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo >/dev/null
token="$(.venv/bin/python manage.py create_api_token staf.kotapekalongan --name schemathesis --days 1)"

.venv/bin/python manage.py runserver "127.0.0.1:$port" --noreload --skip-checks >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/healthz', timeout=2)" \
    >/dev/null 2>&1 && break
  sleep 0.5
done

status=0
# From the scratch folder: schemathesis keeps its cache (.schemathesis/) in the working directory.
root="$(pwd)"
cd "$work"
"$root/.venv/bin/st" run "http://127.0.0.1:$port/api/v1/schema/" \
  --url "http://127.0.0.1:$port" \
  --header "Authorization: Bearer $token" \
  --header "Accept: application/json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --seed "${ST_SEED:-20261126}" \
  --max-examples "${ST_MAX_EXAMPLES:-60}" \
  --max-time "${ST_MAX_TIME:-120}" \
  --workers 1 \
  --request-timeout 20 \
  --no-color \
  || status=$?

if [ "$status" -ne 0 ]; then
  echo "--- server log (last 80 lines)"
  tail -n 80 "$work/server.log"
fi
exit "$status"
