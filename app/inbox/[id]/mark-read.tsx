"use client";
// Opening a message marks it read (the read receipt). A page view must not change anything by
// itself, so the page asks for it with a POST once it is shown; without JavaScript the reader
// has the "Mark as read" button.
import { useEffect } from "react";
import { markReadOnOpenForm } from "../../messages/forms";

export function MarkRead({ messageId }: { messageId: string }) {
  useEffect(() => {
    void markReadOnOpenForm(messageId);
  }, [messageId]);
  return null;
}
