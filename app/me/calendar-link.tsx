"use client";
// Shows the calendar URL the server just made, once, in a field that is easy to copy on a phone.
import { useContext } from "react";
import { FormStateContext } from "../_forms/action-form";

export function CalendarLink({ note }: { note: string }) {
  const url = useContext(FormStateContext).values?.calendarUrl;
  if (!url) return null;
  return (
    <div role="status" className="space-y-1">
      <p className="text-sm font-medium">{note}</p>
      <input
        readOnly
        value={url}
        aria-label={note}
        className="w-full rounded-md border border-gray-500 px-2 py-1 font-mono text-xs"
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}
