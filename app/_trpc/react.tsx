"use client";
// The tRPC client for client components, over TanStack Query, for a component that needs to
// query or mutate from the browser. No page mounts it today: Puente's forms post to server actions
// (app/_forms), which work with JavaScript off and send no API client to the phone (45 KB gzipped
// that /me carried until its profile form moved), and the header's live inbox loads only the
// bare tRPC client for its subscription.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import { MAX_BATCH, MAX_URL_LENGTH } from "@/server/api-limits";
import type { AppRouter } from "@/server/root";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // Batches split to fit what the API answers (server/api-gate.ts refuses larger ones).
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: MAX_BATCH,
          maxURLLength: MAX_URL_LENGTH,
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
