// Tells the server the browser's time zone in the `tz` cookie (ZONE_COOKIE, server/i18n/zone.ts),
// when it is missing or stale; app/_shell/zone-cookie.tsx loads it. Zone names need no encoding
// ("America/Tijuana"); anything else is not sent.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || !/^[A-Za-z0-9_+\/-]{1,64}$/.test(zone)) return;
    var current = document.cookie.match(/(?:^|;\s*)tz=([^;]*)/);
    if (current && current[1] === zone) return;
    document.cookie =
      "tz=" +
      zone +
      ";path=/;max-age=31536000;samesite=lax" +
      (location.protocol === "https:" ? ";secure" : "");
  } catch {
    // An old browser without Intl zones: the server's zone serves.
  }
})();
