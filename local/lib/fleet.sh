# Sourced by local/run: the local fleet of `local/run --instances N` — N service instances on one Redis, dynalite
# and exchange-sim, behind HAProxy on PORT in the place of the ALB. Uses local/run's ROOT, RUN, PIDS, PORT,
# MGMT_PORT, INSTANCES, SERVICE_JAR and JAVA_OPTS; sets INSTANCE_PIDS/_PORTS/_MGMT, HAPROXY_PID and
# HAPROXY_STATS_PORT. Not executed on its own. (fleet_await_ready and fleet_scrape_targets serve one instance too.)

HAPROXY_BIN=
INSTANCE_PIDS=()
INSTANCE_PORTS=()
INSTANCE_MGMT=()
FLEET_USED_PORTS=()

# Removes what a previous fleet left in local/.run, so that no script takes an old instance list for this run's.
fleet_forget_last_run() {
  rm -f "$RUN/instances" "$RUN"/service-*.cmd "$RUN/haproxy.cfg" "$RUN/haproxy.sock"
}

# Fails with one sentence unless HAProxy is installed (Debian puts it in /usr/sbin, which a user's PATH may lack).
fleet_require_haproxy() {
  HAPROXY_BIN=$(command -v haproxy || true)
  if [ -z "$HAPROXY_BIN" ] && [ -x /usr/sbin/haproxy ]; then
    HAPROXY_BIN=/usr/sbin/haproxy
  fi
  if [ -z "$HAPROXY_BIN" ]; then
    echo "local/run --instances needs HAProxy in front of the instances: install it, e.g. apt-get install haproxy." >&2
    return 1
  fi
}

# Waits (at most 5 minutes, then goes on) until the instance $1 on port $2 answers /healthz with 200, i.e. has warmed
# up; stops local/run when the instance exits meanwhile, with the end of its log $3.
fleet_await_ready() {
  local pid=$1 port=$2 log=$3 i
  for ((i = 0; i < 600; i++)); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "the service exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.5
  done
}

# Sets the variable named $1 to a free port not handed out before in this run (free ports are only free right now).
fleet_port() {
  local p
  while :; do
    p=$(pricewire_free_port)
    [[ " ${FLEET_USED_PORTS[*]} " == *" $p "* ]] || break
  done
  FLEET_USED_PORTS+=("$p")
  printf -v "$1" '%s' "$p"
}

# Writes local/.run/service-<i>.cmd: the instance's whole environment and command line, so a script can start it
# again exactly as local/run did (`bash local/.run/service-<i>.cmd`; it execs, so its pid is the JVM's).
fleet_write_cmd() {
  local i=$1 cmd="$RUN/service-$1.cmd" kv
  {
    echo '#!/usr/bin/env bash'
    echo "# instance $i of local/run --instances $INSTANCES: starts it again as local/run did — same environment, ports"
    echo "# and jar; output appended to its log. Written by local/lib/fleet.sh."
    printf 'cd %q\n' "$ROOT"
    printf 'exec env -i'
    while IFS= read -r -d '' kv; do
      printf ' \\\n  %q' "$kv"
    done < <(PORT="${INSTANCE_PORTS[i]}" MANAGEMENT_PORT="${INSTANCE_MGMT[i]}" env -0)
    # shellcheck disable=SC2086
    printf ' \\\n  %q' "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$SERVICE_JAR"
    printf ' >>%q 2>&1\n' "$RUN/service-$i.log"
  } >"$cmd"
  chmod 700 "$cmd"
}

fleet_start_instance() {
  local i=$1
  fleet_write_cmd "$i"
  : >"$RUN/service-$i.log"
  bash "$RUN/service-$i.cmd" &
  INSTANCE_PIDS[i]=$!
  PIDS+=($!)
}

fleet_await_instance() {
  local i=$1
  pricewire_wait_port "${INSTANCE_PORTS[i]}" 90
  fleet_await_ready "${INSTANCE_PIDS[i]}" "${INSTANCE_PORTS[i]}" "$RUN/service-$i.log"
}

# local/.run/instances: one line per instance, "index pid port management_port", for scripts.
fleet_write_instances() {
  local i
  {
    echo "# index pid port management_port — local/run --instances $INSTANCES; restart one: bash $RUN/service-<index>.cmd"
    for ((i = 1; i <= INSTANCES; i++)); do
      echo "$i ${INSTANCE_PIDS[i]} ${INSTANCE_PORTS[i]} ${INSTANCE_MGMT[i]}"
    done
  } >"$RUN/instances"
}

# HAProxy as the ALB: health checks like the target group's (the same /healthz, faster: every second, 2 to fall or
# rise), idempotent requests replayed on another instance when one dies under them, streams held open for hours and
# passed on without delay. Two backends over the same instances: "pricewire" for requests, "streams" for /v1/stream.
fleet_write_haproxy_cfg() {
  local i
  {
    cat <<CFG
# written by local/run --instances $INSTANCES (local/lib/fleet.sh)
global
  # 2 file descriptors a connection: within a default 'ulimit -n' of a few thousand or more
  maxconn 2000
  stats socket $RUN/haproxy.sock mode 600 level admin
  # no request log: HAProxy's warnings (a server DOWN or UP, and why) go to local/.run/haproxy.log

defaults
  mode http
  timeout connect 1s
  # an SSE stream (/v1/stream) is one response that lasts as long as its client, with a heartbeat every 15 s: no
  # side may time out sooner; ordinary answers get a shorter server timeout in their backend
  timeout client 1h
  timeout server 1h
  timeout tunnel 1h
  timeout http-request 10s
  timeout http-keep-alive 30s
  timeout queue 5s
  # a request an instance failed before answering goes to another instance (redispatch on every retry): its connection
  # refused (stopped), closed with no answer (killed or shutting down mid-request), or no answer within the timeout
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout

frontend api
  bind 127.0.0.1:$PORT
  option forwardfor
  # replay only what is safe to replay: a POST refresh reaches the exchanges
  http-request disable-l7-retry unless METH_GET
  # which instance answered, for loadtest/fleet and for debugging
  http-response set-header X-Served-By %[srv_name]
  use_backend streams if { path_beg /v1/stream }
  default_backend pricewire

backend pricewire
  balance roundrobin
  option httpchk GET /healthz
  http-check expect status 200
  # an answer is due within seconds (a miss waits at most 2 s for the exchanges)
  http-request set-timeout server 5s
  # a refused connection takes an instance out at once; the health check brings it back after 2 good checks
  default-server inter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
CFG
    for ((i = 1; i <= INSTANCES; i++)); do
      echo "  server i$i 127.0.0.1:${INSTANCE_PORTS[i]} check"
    done
    cat <<CFG

backend streams
  # a stream holds its connection for hours: balance on open connections, not on requests
  balance leastconn
  # each event goes out when it comes: without this HAProxy holds a small write back for more (measured: +206 ms
  # per event, median, against 0 with it); only here, where the writes are small and latency is the point
  option http-no-delay
CFG
    for ((i = 1; i <= INSTANCES; i++)); do
      echo "  server i$i 127.0.0.1:${INSTANCE_PORTS[i]} track pricewire/i$i"
    done
    cat <<CFG

frontend stats
  bind 127.0.0.1:$HAPROXY_STATS_PORT
  http-request use-service prometheus-exporter if { path /metrics }
  stats enable
  stats uri /stats
  stats refresh 2s
CFG
  } >"$RUN/haproxy.cfg"
}

# How many of the backend's servers HAProxy sees UP (its stats as CSV: column 18 is the status).
fleet_servers_up() {
  curl -fs "http://127.0.0.1:$HAPROXY_STATS_PORT/stats;csv" 2>/dev/null |
    awk -F, '$1 == "pricewire" && $2 ~ /^i[0-9]+$/ && $18 == "UP" { n++ } END { print n + 0 }'
}

# Starts the instances and HAProxy in front of them.
fleet_start() {
  local i
  FLEET_USED_PORTS=("$PORT")
  # management (/health/**, /prometheus) on a port of its own per instance, which HAProxy does not route, as in AWS
  for ((i = 1; i <= INSTANCES; i++)); do
    fleet_port "INSTANCE_PORTS[$i]"
    fleet_port "INSTANCE_MGMT[$i]"
  done
  # the first one alone: it creates the table and, on a first start, fills the cold tier (one instance of a fleet
  # does it); the others then warm up from the table together
  echo "starting instance 1 of $INSTANCES; waiting for its warm-up (hot and medium tiers)…"
  fleet_start_instance 1
  fleet_await_instance 1
  echo "starting instances 2–$INSTANCES…"
  for ((i = 2; i <= INSTANCES; i++)); do fleet_start_instance "$i"; done
  for ((i = 2; i <= INSTANCES; i++)); do fleet_await_instance "$i"; done
  fleet_write_instances

  [ -n "${HAPROXY_STATS_PORT:-}" ] || fleet_port HAPROXY_STATS_PORT
  fleet_write_haproxy_cfg
  "$HAPROXY_BIN" -c -q -f "$RUN/haproxy.cfg" || { echo "HAProxy refused $RUN/haproxy.cfg" >&2; exit 1; }
  "$HAPROXY_BIN" -db -f "$RUN/haproxy.cfg" >"$RUN/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  PIDS+=($HAPROXY_PID)
  for ((i = 0; i < 100; i++)); do
    if ! kill -0 "$HAPROXY_PID" 2>/dev/null; then
      echo "HAProxy exited; see $RUN/haproxy.log" >&2
      tail -5 "$RUN/haproxy.log" >&2
      exit 1
    fi
    (($(fleet_servers_up) == INSTANCES)) && return 0
    sleep 0.2
  done
  echo "HAProxy does not see every instance UP after 20 s; see $RUN/haproxy.log" >&2
  exit 1
}

# Prometheus' targets: every instance's management port.
fleet_scrape_targets() {
  local i targets="\"127.0.0.1:$MGMT_PORT\""
  if ((INSTANCES > 1)); then
    targets=
    for ((i = 1; i <= INSTANCES; i++)); do targets+="${targets:+, }\"127.0.0.1:${INSTANCE_MGMT[i]}\""; done
  fi
  echo "$targets"
}

# The banner's lines about the fleet.
fleet_info_lines() {
  local i
  for ((i = 1; i <= INSTANCES; i++)); do
    printf '  instance %-5s  pid %-7s http://127.0.0.1:%s  (metrics :%s/prometheus, log local/.run/service-%s.log)\n' \
      "$i" "${INSTANCE_PIDS[i]}" "${INSTANCE_PORTS[i]}" "${INSTANCE_MGMT[i]}" "$i"
  done
  printf '  HAProxy        pid %-7s http://127.0.0.1:%s  (stats http://127.0.0.1:%s/stats, admin local/.run/haproxy.sock)\n' \
    "$HAPROXY_PID" "$PORT" "$HAPROXY_STATS_PORT"
  printf '  instances      local/.run/instances (pid and ports); start one again: bash local/.run/service-<i>.cmd'
}
