// Tells the server the browser's time zone: a tiny inline script sets the `tz` cookie (read by
// server/i18n/request.ts, for signed-in readers only) when it is missing or stale. It runs on the
// sign-in page, so a person's first signed-in page already reads in their zone. Without
// JavaScript the cookie never comes, and the server's zone serves until they choose one on /me.
import { headers } from "next/headers";
import { ZONE_COOKIE } from "@/server/i18n/zone";

// Zone names need no encoding ("America/Tijuana"); anything else is not sent.
const script = `(function(){try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z||!/^[A-Za-z0-9_+\\/-]{1,64}$/.test(z))return;var m=document.cookie.match(/(?:^|;\\s*)${ZONE_COOKIE}=([^;]*)/);if(m&&m[1]===z)return;document.cookie="${ZONE_COOKIE}="+z+";path=/;max-age=31536000;samesite=lax"+(location.protocol==="https:"?";secure":"")}catch(e){}})()`;

export async function ZoneCookie() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
