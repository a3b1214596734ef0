# Shared by local/run, .ci/run and loadtest scripts: finds a JDK >= 21 and checks Node.js.
# Sourced, not executed.

# Prints the major version of the java in $1/bin (or nothing).
pricewire_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

# Exports JAVA_HOME pointing at a JDK >= 21: the current JAVA_HOME, the java on PATH, or one under /usr/lib/jvm.
pricewire_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(pricewire_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Pricewire needs a JDK 21 or newer: install one (e.g. apt-get install openjdk-21-jdk, or Temurin 21+) and set JAVA_HOME to it." >&2
  return 1
}

# Fails with one sentence unless Node.js >= 20 and npm are installed.
pricewire_require_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Pricewire needs Node.js 20+ with npm for dynalite (the local DynamoDB): install it, e.g. apt-get install nodejs npm." >&2
    return 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "Pricewire needs Node.js 20 or newer (found $(node --version)): install a newer Node.js." >&2
    return 1
  fi
}

# Prints a free TCP port on 127.0.0.1.
pricewire_free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Waits until 127.0.0.1:$1 accepts connections (max $2 seconds); fails otherwise.
pricewire_wait_port() {
  local port=$1 limit=${2:-30} i
  for ((i = 0; i < limit * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "nothing listens on port $port after ${limit}s" >&2
  return 1
}
