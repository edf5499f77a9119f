# Sourced by scripts/run and scripts/test: installs what qcrawl needs to build, from Debian 12's
# own packages, when something is missing. Safe to run again: it installs nothing twice.

QCRAWL_PACKAGES=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    libxml2-dev libcurl4-openssl-dev zlib1g-dev libbrotli-dev libzstd-dev libqt6sql6-sqlite
    nginx-light
    xvfb xauth fonts-dejavu-core fonts-wqy-microhei
    dpkg-dev file desktop-file-utils appstream
    # scripts/fuzz: Clang and its runtime libraries (libFuzzer, the sanitizers)
    clang libclang-rt-14-dev
    # scripts/coverage: line and branch figures from gcc's --coverage counts
    gcovr
    # the HLS tests: ffmpeg's remux and ffprobe's check of what it made (the app finds ffmpeg at
    # run time and works without it)
    ffmpeg
)

qcrawl_install_packages() {
    local missing=()
    for pkg in "${QCRAWL_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "qcrawl: installing ${missing[*]}" >&2
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# qcrawl_build DIR [cmake args...]: configure (once) and build.
qcrawl_build() {
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@"
    cmake --build "$dir" --parallel "$(nproc)"
}
