"use client";
// Where something is: a town from Puente's own gazetteer (server/places), never a pair of typed
// numbers and never an earlier report's position. A combobox: type two letters, pick a town with
// the arrow keys and Enter or a tap; or "use my location", which rounds the phone's position to
// hundredths of a degree (about 1 km) here, before anything leaves the phone. Without JavaScript
// the typed name is sent and the server finds the town, or lists the towns it may be.
import { useContext, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { FieldError, FormStateContext } from "./action-form";

export interface PlacePickerText {
  label: string;
  /** Under the field: how to use it (and, on a report, the last report's town as a hint). */
  hint: string;
  useLocation: string;
  locating: string;
  locationFailed: string;
  /** "Position: {position}" (rounded), shown once a place is chosen. */
  chosenAt: string;
  /** Decimals the position is kept to, and shown with. */
  decimals: 1 | 2;
  noMatch: string;
  candidates: string;
}

interface Choice {
  id: string;
  label: string;
  latitude: number;
  longitude: number;
}

/** Hundredths of a degree: all a form ever sends. */
const round = (value: number) => Math.round(value * 100) / 100;

async function query<T>(procedure: string, input: unknown): Promise<T> {
  const url = `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${procedure}: ${response.status}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

interface PickerProps {
  /** For a page with several such forms (a delegate's home): ids stay unique. */
  idPrefix?: string;
  text: PlacePickerText;
  /** The place as it stands, when editing something that has one (never an earlier report's). */
  initial?: { label: string; latitude: number; longitude: number };
}

const noSubscription = () => () => {};

export function PlacePicker(props: PickerProps) {
  // Each answer of the form starts the picker again from what was sent.
  const state = useContext(FormStateContext);
  return <Picker key={state.version} {...props} />;
}

function Picker({ idPrefix = "", text, initial }: PickerProps) {
  const state = useContext(FormStateContext);
  const sent = state.values;
  const inputId = `${idPrefix}placeName`;
  const listId = useId();
  const [label, setLabel] = useState(sent?.placeName ?? initial?.label ?? "");
  const [placeId, setPlaceId] = useState(sent?.placeId ?? "");
  const [position, setPosition] = useState<{ latitude: string; longitude: string }>({
    latitude: sent?.latitude ?? (initial ? String(initial.latitude) : ""),
    longitude: sent?.longitude ?? (initial ? String(initial.longitude) : ""),
  });
  const [shownAt, setShownAt] = useState<string>(() => {
    const at =
      sent?.latitude && sent.longitude
        ? [sent.latitude, sent.longitude].map(Number)
        : initial && [initial.latitude, initial.longitude];
    return at ? at.map((n) => n.toFixed(text.decimals)).join(", ") : "";
  });
  const [options, setOptions] = useState<Choice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const [candidatesDismissed, setCandidatesDismissed] = useState(false);
  const asked = useRef(0);

  // True once the page runs scripts (false in the server's HTML and without JavaScript).
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  function typed(value: string) {
    setLabel(value);
    // A typed name is a new place: whatever was chosen before no longer holds.
    setPlaceId("");
    setPosition({ latitude: "", longitude: "" });
    setShownAt("");
    setStatus("");
    setCandidatesDismissed(true);
    const ask = ++asked.current;
    if (value.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    setTimeout(async () => {
      if (ask !== asked.current) return;
      try {
        const found = await query<Choice[]>("places.search", { query: value.trim().slice(0, 60), limit: 8 });
        if (ask !== asked.current) return;
        setOptions(found);
        setActive(-1);
        setOpen(true);
      } catch {
        setOpen(false);
      }
    }, 150);
  }

  function choose(choice: Choice) {
    asked.current++;
    setLabel(choice.label);
    setPlaceId(choice.id);
    setPosition({ latitude: "", longitude: "" });
    setShownAt(`${choice.latitude.toFixed(text.decimals)}, ${choice.longitude.toFixed(text.decimals)}`);
    setOptions([]);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === "Enter" && open && options.length) {
      // Enter picks the highlighted town (or the first) instead of sending the form.
      event.preventDefault();
      choose(options[Math.max(active, 0)]!);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  function locate() {
    setStatus(text.locating);
    navigator.geolocation.getCurrentPosition(
      async (found) => {
        // Rounded here, on the phone: the precise position never goes into the form or the network.
        const latitude = round(found.coords.latitude);
        const longitude = round(found.coords.longitude);
        asked.current++;
        setPlaceId("");
        setPosition({ latitude: String(latitude), longitude: String(longitude) });
        setShownAt(`${latitude.toFixed(text.decimals)}, ${longitude.toFixed(text.decimals)}`);
        setOpen(false);
        setStatus("");
        try {
          const near = await query<Choice>("places.nearest", { latitude, longitude });
          setLabel(near.label);
        } catch {
          setStatus(text.locationFailed);
        }
      },
      () => setStatus(text.locationFailed),
      { enableHighAccuracy: false, maximumAge: 600_000, timeout: 20_000 },
    );
  }

  const invalid = Boolean(state.fieldErrors?.placeName);
  const candidates = candidatesDismissed ? [] : (state.places ?? []);
  const describedBy = [`${inputId}-hint`, invalid && "placeName-error", shownAt && `${inputId}-at`]
    .filter(Boolean)
    .join(" ");

  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block font-medium">
        {text.label}
      </label>
      <p id={`${inputId}-hint`} className="text-sm text-gray-700">
        {text.hint}
      </p>
      <div className="relative">
        <input
          id={inputId}
          name="placeName"
          value={label}
          onChange={(e) => typed(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          maxLength={120}
          autoComplete="off"
          autoCapitalize="words"
          spellCheck={false}
          role={scripted ? "combobox" : undefined}
          aria-autocomplete={scripted ? "list" : undefined}
          aria-expanded={scripted ? open && options.length > 0 : undefined}
          aria-controls={scripted ? listId : undefined}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className="min-h-11 w-full rounded-md border border-gray-500 bg-white px-3 py-2"
        />
        {scripted && (
          <ul
            id={listId}
            role="listbox"
            aria-label={text.label}
            hidden={!open || options.length === 0}
            className="absolute z-10 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-gray-500 bg-white shadow-lg"
          >
            {options.map((option, i) => (
              <li
                key={option.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(option)}
                className={`min-h-11 cursor-pointer px-3 py-2 ${i === active ? "bg-brand-100" : ""}`}
              >
                {option.label}
              </li>
            ))}
          </ul>
        )}
        {scripted && open && options.length === 0 && (
          <p className="text-sm text-gray-700" role="status">
            {text.noMatch}
          </p>
        )}
      </div>
      <input type="hidden" name="placeId" value={placeId} />
      <input type="hidden" name="latitude" value={position.latitude} />
      <input type="hidden" name="longitude" value={position.longitude} />
      {shownAt && (
        <p id={`${inputId}-at`} className="text-sm text-gray-700">
          {text.chosenAt.replace("{position}", shownAt)}
        </p>
      )}
      {scripted && typeof navigator !== "undefined" && "geolocation" in navigator && (
        <button
          type="button"
          onClick={locate}
          className="min-h-11 rounded-md border border-brand-700 bg-white px-3 py-2 font-medium text-brand-700"
        >
          {text.useLocation}
        </button>
      )}
      <p role="status" className="text-sm text-gray-700">
        {status}
      </p>
      <FieldError name="placeName" />
      {candidates.length > 0 && (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{text.candidates}</legend>
          {candidates.map((c) => (
            <label key={c.id} className="flex min-h-11 items-center gap-2">
              <input type="radio" name="placeId" value={c.id} className="h-5 w-5" />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
