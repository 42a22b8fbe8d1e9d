"use client";
// How many people the compose form will reach, once it has counted them. (Its checkboxes are
// app/_forms/choice.tsx.)
import { useFormAnswer } from "../../_forms/action-form";

/** How many people the message will reach, once the form has counted them. */
export function Reach() {
  const reach = useFormAnswer().data?.reach;
  return (
    <p role="status" className="font-medium text-brand-800">
      {reach}
    </p>
  );
}
