#!/usr/bin/env bash
# Builds the Debian package from the packaged app in dist/linux-unpacked (fuses set, app.asar; see
# scripts/package-linux-dir.sh) with Debian's own dpkg-deb under fakeroot: no download, nothing rebuilt.
#
#   bash scripts/package-deb.sh                 -> dist/ecuapass-desktop_<version>_amd64.deb (last stdout line)
#   DEB_VERSION=0.2.0 bash scripts/package-deb.sh   a build of the same app.asar with another package version
#                                                   (the update tests use it as "the newer release")
#   DEB_OUT=<dir>   where to write the .deb (default dist/)
#   DEB_COMPRESSION=gzip   faster, larger package (the install/update tests: xz of 230 MiB takes minutes on a
#                          loaded 2-core machine); default xz, what is released. The contents are the same.
#
# Layout: /usr/lib/ecuapass-desktop (the app), /usr/bin/ecuapass-desktop (symlink), the Spanish desktop entry,
# the icon in hicolor sizes, /usr/share/doc/ecuapass-desktop/{copyright,changelog.gz}. Depends is what
# dpkg-shlibdeps reads from the ELF files, plus what is loaded at run time without being linked (libsecret via
# keytar is linked; xdg-utils opens links; a Secret Service provider is recommended).
set -euo pipefail
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(dirname -- "$here")"
cd -- "$repo"
log() { printf '[package-deb] %s\n' "$*" >&2; }

readonly PKG=ecuapass-desktop
readonly MAINTAINER='Ecuapass Desktop <soporte@ecuapassdesktop.com>'
readonly HOMEPAGE='https://ecuapassdesktop.com'
src=dist/linux-unpacked
[[ -x "$src/$PKG" ]] || { log "ERROR: $src/$PKG missing (run npm run package:dir)"; exit 1; }
version="${DEB_VERSION:-$(node -p "require('./package.json').version")}"
# The version inside app.asar is what the app reports and what electron-updater compares: a DEB_VERSION
# build re-packs app.asar with that version in its package.json (same code, higher version).
out="${DEB_OUT:-dist}"
mkdir -p "$out"
stage="$(mktemp -d)"
trap 'rm -rf -- "$stage"' EXIT
root="$stage/root"
lib="$root/usr/lib/$PKG"
mkdir -p "$lib" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/$PKG" "$root/DEBIAN"
cp -a "$src/." "$lib/"
if [[ "$version" != "$(node -p "require('./package.json').version")" ]]; then
  log "re-packing app.asar with version $version"
  node scripts/set-asar-version.mjs "$lib/resources/app.asar" "$version" >&2
fi
ln -s "../lib/$PKG/$PKG" "$root/usr/bin/$PKG"

# Desktop entry (Spanish, es-EC UI). Exec is what a launcher runs; the install test runs it too.
cat >"$root/usr/share/applications/$PKG.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Ecuapass Desktop
GenericName=Registro de Usuario General de Ecuapass
Comment=Modificar la información de registro de Usuario General en Ecuapass
Exec=/usr/bin/$PKG %U
Icon=$PKG
Terminal=false
Categories=Office;
Keywords=ecuapass;senae;aduana;registro;usuario;
StartupWMClass=$PKG
DESKTOP

# A manual page (Debian Policy 12.1: every program in /usr/bin has one).
mkdir -p "$root/usr/share/man/man1"
cat <<MAN | gzip -9n >"$root/usr/share/man/man1/$PKG.1.gz"
.TH ECUAPASS-DESKTOP 1 "" "ecuapass-desktop $version" "Ecuapass Desktop"
.SH NOMBRE
ecuapass-desktop \\- modificar la información de registro de Usuario General en Ecuapass
.SH SINOPSIS
.B ecuapass-desktop
.SH DESCRIPCIÓN
Cliente de escritorio para la pantalla de autoservicio de Ecuapass
«Modificar información de registro para Usuario General»
(Soporte al Cliente > Registro de usuario > 3.2.3) y para dar de baja al usuario.
La sesión se guarda en el llavero del sistema (Secret Service).
.SH ARCHIVOS
.TP
.I /etc/ecuapass-desktop/policy.json
Política de equipo: fija el servidor, el bloqueo por inactividad y las actualizaciones para todos los usuarios.
.TP
.I ~/.config/Ecuapass Desktop/
Configuración y registros del usuario; no se borran al desinstalar.
.SH VÉASE TAMBIÉN
$HOMEPAGE
MAN

for png in assets/icons/png/*x*.png; do
  size="$(basename "$png" .png)"
  install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/$size/apps/$PKG.png"
done

cat >"$root/usr/share/doc/$PKG/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Ecuapass Desktop
Upstream-Contact: $MAINTAINER
Source: $HOMEPAGE

Files: *
Copyright: 2026 Ecuapass Desktop
License: proprietary
 All rights reserved. Bundled third-party components (Electron, Chromium and their
 dependencies) keep their own licenses, listed in /usr/lib/$PKG/LICENSE.electron.txt
 and /usr/lib/$PKG/LICENSES.chromium.html.
COPYRIGHT
printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
  "$PKG" "$version" "$version" "$MAINTAINER" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" \
  | gzip -9n >"$root/usr/share/doc/$PKG/changelog.gz"

# Permissions as Debian expects; chrome-sandbox must be setuid root for Chromium's sandbox on kernels without
# unprivileged user namespaces (lintian override with that reason below).
find "$root" -type d -exec chmod 0755 {} +
find "$lib" -type f -exec chmod 0644 {} +
chmod 0755 "$lib/$PKG" "$lib/chrome_crashpad_handler"
find "$lib" -name '*.so' -o -name '*.so.*' -o -name '*.node' | xargs chmod 0644
chmod 4755 "$lib/chrome-sandbox"

# Depends from the ELF files themselves.
mkdir -p "$stage/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$PKG" "$PKG" >"$stage/debian/control"
elfs=("$lib/$PKG" "$lib/chrome_crashpad_handler" "$lib"/*.so "$lib/libvulkan.so.1")
mapfile -t natives < <(find "$lib/resources/app.asar.unpacked" -name '*.node')
shlibs="$(cd "$stage" && dpkg-shlibdeps -O -l"$lib" --ignore-missing-info "${elfs[@]}" "${natives[@]}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$shlibs" ]] || { log 'ERROR: dpkg-shlibdeps found nothing'; exit 1; }
depends="$shlibs"
[[ "$depends" == *libsecret-1-0* ]] || depends="$depends, libsecret-1-0"
depends="$depends, xdg-utils"

# The overrides, each with its reason (lintian prints them as "overridden", never hides them silently).
mkdir -p "$root/usr/share/lintian/overrides"
cat >"$root/usr/share/lintian/overrides/$PKG" <<'OVERRIDES'
# Chromium's setuid sandbox helper: needed where unprivileged user namespaces are off.
ecuapass-desktop: elevated-privileges 4755 root/root [usr/lib/ecuapass-desktop/chrome-sandbox]
# Electron ships its own builds of these (ANGLE, SwiftShader, ffmpeg, Vulkan loader) matched to its Chromium.
ecuapass-desktop: embedded-library *
# Electron's release binaries are shipped as upstream built them (symbols kept for crash reports); stripping
# them here would change the signed/fused binary.
ecuapass-desktop: unstripped-binary-or-object *
OVERRIDES

installed_kb="$(du -sk --apparent-size "$root/usr" | cut -f1)"
cat >"$root/DEBIAN/control" <<CONTROL
Package: $PKG
Version: $version
Architecture: amd64
Maintainer: $MAINTAINER
Installed-Size: $installed_kb
Depends: $depends
Recommends: gnome-keyring | kwalletmanager
Section: misc
Priority: optional
Homepage: $HOMEPAGE
Description: Modificar la información de registro de Usuario General en Ecuapass
 Cliente de escritorio para la pantalla de autoservicio de Ecuapass «Modificar
 información de registro para Usuario General» (Soporte al Cliente > Registro
 de usuario > 3.2.3) y para dar de baja al usuario. Guarda la sesión en el
 llavero del sistema (Secret Service). Una política de equipo en
 /etc/ecuapass-desktop/policy.json puede fijar el servidor, el bloqueo por
 inactividad y las actualizaciones.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb="$out/${PKG}_${version}_amd64.deb"
case "${DEB_COMPRESSION:-xz}" in
  xz) compress=(-Zxz) ;;
  gzip) compress=(-Zgzip -z1) ;;
  *) log "ERROR: DEB_COMPRESSION must be xz or gzip"; exit 1 ;;
esac
fakeroot dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb" >&2
log "$deb: $(du -h "$deb" | cut -f1), installed $((installed_kb / 1024)) MiB; Depends: $depends"
realpath "$deb"
