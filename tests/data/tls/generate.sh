#!/usr/bin/env bash
# Regenerates the test CA and certificates (openssl from Debian). The tests use the files as they
# are; run this only to replace them (they are valid for 100 years from when they were made).
#   ca.pem / ca.key          "qcrawl test CA", the CA the tests pass with --cacert
#   server.pem / server.key  127.0.0.1 and localhost, signed by the test CA
#   wronghost.pem / .key     a name the tests never connect to (wrong.invalid), signed by the CA
#   other-ca.pem             another CA, which signed nothing the tests see
set -euo pipefail
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days $days \
    -subj "/CN=qcrawl test CA" -keyout ca.key -out ca.pem \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
leaf() { # name san
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
        -keyout "$1.key" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days $days \
        -out "$1.pem" -extfile <(printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$2")
    rm -f "$1.csr"
}
leaf server "IP:127.0.0.1,DNS:localhost"
leaf wronghost "DNS:wrong.invalid"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days $days \
    -subj "/CN=qcrawl other CA" -keyout /dev/null -out other-ca.pem \
    -addext "basicConstraints=critical,CA:TRUE"
rm -f ca.srl
