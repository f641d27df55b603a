#!/usr/bin/env bash
# A real PostgreSQL server for the store tests and the load benchmark.
#   bash scripts/postgres_setup.sh install   Debian's postgresql package (needs root)
#   bash scripts/postgres_setup.sh start     start the cluster, create the role and the
#                                            database, print the SQLAlchemy URL
# The URL printed is what CALLSIM_TEST_PG_URL (tests) or CALLSIM_DB (a team's seats)
# take. Idempotent: running it again on a running server only prints the URL. Only the
# URL goes to standard output (the server's own messages go to standard error), so
# $(bash scripts/postgres_setup.sh start) is exactly the URL.
set -euo pipefail
ROLE=${CALLSIM_PG_ROLE:-callsim}
PASSWORD=${CALLSIM_PG_PASSWORD:-callsim}
DB=${CALLSIM_PG_DB:-callsim_test}
PORT=${CALLSIM_PG_PORT:-5432}

install() {
    if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
}

start() {
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version main$"; then
        pg_createcluster "$version" main --port "$PORT" >&2
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
        pg_ctlcluster "$version" main start >&2
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
    for _ in $(seq 1 30); do
        su postgres -c "pg_isready -q -p $port" && break
        sleep 1
    done
    su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"" | grep -q 1 \
        || su postgres -c "psql -q -p $port -c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB\"" >&2
    su postgres -c "psql -q -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\"" | grep -q 1 \
        || su postgres -c "createdb -p $port -O $ROLE $DB" >&2
    echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$port/$DB"
}

case "${1:-start}" in
    install) install ;;
    start) start ;;
    *) echo "usage: $0 install|start" >&2; exit 2 ;;
esac
