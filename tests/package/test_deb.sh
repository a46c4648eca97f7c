#!/usr/bin/env bash
# The Debian package end to end (ctest label `package`; docs/packaging.md):
#   test_deb.sh BUILD_DIR VERSION WORKBOOK
# 1. cpack -G DEB from this build into a temporary folder; the control fields and the contents list (every
#    required file, no developer files).
# 2. dpkg-deb -x into a temporary root: desktop-file-validate, appstreamcli validate, the MIME database, the man
#    page of the IDE against its --help; then quire and quire-ide run from that root with a clean environment from
#    / (nothing of the build tree): --version, the SQLite extension on a sample warehouse, an offscreen screenshot.
# 3. apt-get -s install: the Depends resolve on this machine. When run as root and no quire package is installed,
#    the package is installed for real (apt-get, when it needs nothing else), run from /usr/bin, purged, and every one of its files
#    must be gone. Otherwise that step is skipped with a message (it never replaces a quire the user installed).
# QUIRE_PACKAGE_TEST_KEEP=1 keeps the temporary folder (the package, the extracted root, the screenshots).
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
workbook=$3
work=$(mktemp -d /tmp/quire-deb-test.XXXXXX)
installed=0
cleanup() {
    if [ "$installed" = 1 ]; then apt-get purge -y -qq -o DPkg::Lock::Timeout=300 quire >/dev/null 2>&1 || true; fi
    if [ -n "${QUIRE_PACKAGE_TEST_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($SECONDS s)"; }

step "cpack -G DEB"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/out/quire_*.deb)
echo "$deb: $(du -h "$deb" | cut -f1)"

step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = quire ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version $(field Version), want $version"
depends=$(field Depends)
for dep in libsqliteodbc libqt6widgets6 libqt6svg6 libodbc2 libgit2; do
    [[ $depends == *"$dep"* ]] || fail "Depends lacks $dep: $depends"
done
[[ $(field Recommends) == *odbc-postgresql* ]] || fail "Recommends: $(field Recommends)"

step "contents"
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|' >"$work/contents"
# The commands the man pages and completions must cover: quire --help's "Subcommands:" section.
dpkg-deb -x "$deb" "$work/root"
root=$work/root
clean_env=(env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$work/xdg"
           ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} ${UBSAN_OPTIONS:+UBSAN_OPTIONS=$UBSAN_OPTIONS})
mkdir -m 700 -p "$work/home" "$work/xdg"
commands=$(cd / && "${clean_env[@]}" "$root/usr/bin/quire" --help |
           awk '/^Subcommands:/{s=1; next} s && /^  [^ ]/{print $1; next} s && /^[^ ]/{s=0}')
[ "$(echo "$commands" | wc -l)" -ge 20 ] || fail "quire --help lists too few commands: $commands"
required=(/usr/bin/quire /usr/bin/quire-ide
          /usr/share/applications/org.quire.Quire.desktop /usr/share/metainfo/org.quire.Quire.metainfo.xml
          /usr/share/mime/packages/org.quire.Quire.xml /usr/share/icons/hicolor/scalable/apps/org.quire.Quire.svg
          /usr/share/bash-completion/completions/quire /usr/share/zsh/vendor-completions/_quire
          /usr/share/fish/vendor_completions.d/quire.fish /usr/share/doc/quire/copyright
          /usr/share/man/man1/quire.1 /usr/share/man/man1/quire-ide.1
          /usr/share/quire/schemas/workbook.schema.json)
for size in 16 22 24 32 48 64 128 256 512; do required+=("/usr/share/icons/hicolor/${size}x${size}/apps/org.quire.Quire.png"); done
for command in $commands; do required+=("/usr/share/man/man1/quire-$command.1"); done
for file in "${required[@]}"; do grep -qxF "$file" "$work/contents" || fail "the package lacks $file"; done
grep -qE '^/usr/lib/(.*/)?quire/quire_sqlite\.so$' "$work/contents" || fail "the package lacks the SQLite extension"
if grep -E '\.a$|^/usr/include/|/cmake/' "$work/contents"; then fail "developer files in the package"; fi
echo "$(grep -vc '/$' "$work/contents") files"

step "desktop entry, metainfo, MIME types, icons, man pages"
desktop-file-validate "$root/usr/share/applications/org.quire.Quire.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/org.quire.Quire.metainfo.xml"
grep -q "^MimeType=application/x-sigma-workbook+yaml;application/x-sigma-workbook+json;$" \
    "$root/usr/share/applications/org.quire.Quire.desktop" || fail "MimeType= of the desktop entry"
# Compiled with the system's own types, *.sigma.yaml must map to ours, not to the generic YAML type.
mkdir -p "$work/mime/packages"
cp /usr/share/mime/packages/freedesktop.org.xml "$root/usr/share/mime/packages/org.quire.Quire.xml" "$work/mime/packages/"
update-mime-database "$work/mime" >"$work/mime.log" 2>&1 || { cat "$work/mime.log"; fail "update-mime-database"; }
grep -qx '60:application/x-sigma-workbook+yaml:\*\.sigma\.yaml' "$work/mime/globs2" || fail "*.sigma.yaml glob"
grep -qx '60:application/x-sigma-workbook+json:\*\.sigma\.json' "$work/mime/globs2" || fail "*.sigma.json glob"
grep -q '^application/x-sigma-workbook+yaml application/x-yaml$' "$work/mime/subclasses" || fail "YAML subclass"
for size in 16 48 256; do
    identify -format '%w %h\n' "$root/usr/share/icons/hicolor/${size}x${size}/apps/org.quire.Quire.png" |
        grep -qx "$size $size" || fail "icon ${size}x${size}"
done
for page in "$root"/usr/share/man/man1/*.1; do
    warnings=$(groff -man -ww -z "$page" 2>&1) || fail "groff $page"
    [ -z "$warnings" ] || fail "groff warnings in $page: $warnings"
done
# The IDE's man page is written by hand: it must name every option of quire-ide --help.
ide_options=$(cd / && "${clean_env[@]}" QT_QPA_PLATFORM=offscreen "$root/usr/bin/quire-ide" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
for option in $ide_options; do
    grep -qF -- "\\fB$(echo "$option" | sed 's/-/\\-/g')\\fR" "$root/usr/share/man/man1/quire-ide.1" || fail "quire-ide.1 lacks $option"
done
# The packaged completions are what the packaged quire generates.
for shell in bash zsh fish; do
    case $shell in bash) file=bash-completion/completions/quire ;; zsh) file=zsh/vendor-completions/_quire ;;
                   fish) file=fish/vendor_completions.d/quire.fish ;; esac
    cmp <(cd / && "${clean_env[@]}" "$root/usr/bin/quire" completion $shell) "$root/usr/share/$file" || fail "$shell completion"
done

# Runs the two programs of a root (the extracted one, or / once installed) from / with a clean environment.
run_programs() {
    local prefix=$1 tag=$2
    step "run $prefix/bin/quire and $prefix/bin/quire-ide ($tag)"
    local out
    out=$(cd / && "${clean_env[@]}" "$prefix/bin/quire" --version)
    [ "$out" = "$version" ] || fail "quire --version: $out"
    out=$(cd / && "${clean_env[@]}" QT_QPA_PLATFORM=offscreen "$prefix/bin/quire-ide" --version)
    [ "$out" = "Quire $version" ] || fail "quire-ide --version: $out"
    # The sample warehouse in this clean HOME, queried with a function of the Quire SQLite extension: the
    # extension must be found next to the installed program.
    rm -rf "$work/home/.local"
    (cd / && "${clean_env[@]}" "$prefix/bin/quire" warehouse generate --rows 2000 >/dev/null)
    out=$(cd / && "${clean_env[@]}" "$prefix/bin/quire" sql sample "SELECT quire_split_part('a,b,c', ',', 2) AS part" --format csv)
    [[ $out == *$'\nb'* ]] || fail "quire sql with the SQLite extension: $out"
    cp "$workbook" "$work/workbook.sigma.yaml"
    rm -f "$work/shot-$tag.png"
    (cd / && "${clean_env[@]}" "$prefix/bin/quire-ide" --offscreen --screenshot "$work/shot-$tag.png" "$work/workbook.sigma.yaml" 2>"$work/ide-$tag.log") ||
        { cat "$work/ide-$tag.log"; fail "quire-ide --screenshot"; }
    identify -format '%w %h\n' "$work/shot-$tag.png" | awk '$1 >= 800 && $2 >= 500 {ok=1} END {exit !ok}' ||
        fail "screenshot $(identify "$work/shot-$tag.png")"
}
run_programs "$root/usr" extracted

step "dependencies (apt-get -s install)"
apt-get -s install --no-install-recommends "$deb" >"$work/apt-sim.log" 2>&1 || { cat "$work/apt-sim.log"; fail "Depends do not resolve"; }
grep -q "^Inst quire " "$work/apt-sim.log" || { cat "$work/apt-sim.log"; fail "apt-get -s would not install quire"; }

if [ "$(id -u)" != 0 ]; then
    echo "install step skipped: not root (dpkg needs root)"
elif dpkg-query -W -f='${Status}' quire 2>/dev/null | grep -q installed; then
    echo "install step skipped: a quire package is already installed here; it is left alone"
else
    step "apt-get install, run, purge"
    # Only quire itself: the test never downloads or installs anything else on this machine.
    others=$(grep '^Inst ' "$work/apt-sim.log" | grep -v '^Inst quire ' || true)
    [ -z "$others" ] || fail "installing would also install: $others"
    installed=1
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$deb" >"$work/apt.log" 2>&1 ||
        { cat "$work/apt.log"; fail "apt-get install $deb"; }
    [ "$(command -v quire)" = /usr/bin/quire ] || fail "quire is not /usr/bin/quire after install"
    run_programs /usr installed
    apt-get purge -y -qq -o DPkg::Lock::Timeout=300 quire >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get purge"; }
    installed=0
    ! dpkg-query -W -f='${Status}' quire 2>/dev/null | grep -q installed || fail "quire still installed"
    while read -r path; do
        [ -d "$path" ] && continue
        [ ! -e "$path" ] || fail "$path is left after purge"
    done <"$work/contents"
fi
step "done"
