/**
 * GENERATED from the server's OpenAPI document by `npm run generate:api` (scripts/api-types.ts).
 * Do not edit: change the route schemas and regenerate. A test fails when this file is stale.
 */
export type paths = {
    "/v1/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct onHand by a signed quantity, or set it to a counted quantity (cycle count)
         * @description Send exactly one of `quantity` (non-zero signed change) or `countedQuantity`. Refused with would_break_holds when onHand would fall below what is reserved, allocated or damaged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /** @description A non-zero signed change */
                        quantity: number;
                        reason: "cycle_count" | "correction" | "shrinkage" | "found" | "damage";
                        /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                        sku: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    } | {
                        countedQuantity: number;
                        note?: string;
                        reason: "cycle_count" | "correction" | "shrinkage" | "found" | "damage";
                        /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                        sku: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            difference: number;
                            id: string;
                            levels: components["schemas"]["StockLevel"][];
                            movements: components["schemas"]["Movement"][];
                            reference: null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check that every level equals the sum of its ledger and every invariant holds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checkedLevels: number;
                            ok: boolean;
                            truncated: boolean;
                            violations: {
                                problem: string;
                                sku: string;
                                warehouse: string;
                            }[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                createdBy: string | null;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                /** @description Empty: every warehouse */
                                warehouses: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key for a machine (the answer is the only time its token is shown) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresAt?: string | null;
                        name: string;
                        role: "admin" | "manager" | "staff" | "integration" | "viewer";
                        warehouses?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: "admin" | "manager" | "staff" | "integration" | "viewer";
                            /** @description Empty: every warehouse */
                            warehouses: string[];
                        } & {
                            token: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (it stays listed, revoked) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            createdBy: string | null;
                            expiresAt: string | null;
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            revokedAt: string | null;
                            role: "admin" | "manager" | "staff" | "integration" | "viewer";
                            /** @description Empty: every warehouse */
                            warehouses: string[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first: who did what, to what, from where */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    cursor?: string;
                    entityId?: string;
                    entityType?: string;
                    limit?: number;
                    outcome?: "ok" | "denied" | "failed";
                    /** @description UTC, ISO-8601 with milliseconds */
                    since?: string;
                    /** @description UTC, ISO-8601 with milliseconds */
                    until?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The command (e.g. reservation.confirm), or for refused requests the route */
                                action: string;
                                actor: {
                                    id: string;
                                    name: string;
                                    type: string;
                                };
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                at: string;
                                entity: {
                                    id: string;
                                    type: string;
                                } | null;
                                id: number;
                                ip: string | null;
                                outcome: "ok" | "denied" | "failed";
                                requestId: string | null;
                                /** @description What changed: before/after of settings, movement ids of stock changes, the reason of a refusal */
                                summary: {
                                    [key: string]: unknown;
                                };
                                userAgent: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password: a session token, also set as an HttpOnly cookie
         * @description Wrong emails and wrong passwords get the same 401 invalid_credentials. After 5 failures in 15 minutes the account (and the email as typed) is locked for 15 minutes: 429 too_many_attempts.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey?: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                createdBy: string | null;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                /** @description Empty: every warehouse */
                                warehouses: string[];
                            };
                            csrfToken: string | null;
                            expiresAt: string | null;
                            permissions: string[];
                            user: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                email: string;
                                id: string;
                                lockedUntil: string | null;
                                name: string;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                status: "active" | "disabled";
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                updatedAt: string;
                                warehouses: string[];
                            } | null;
                        } & {
                            /** @description The session token: the same as the cookie; shown once */
                            token: string;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session (cookie or session token) and clear the cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is calling: the signed-in user (or the API key), their permissions, and the anti-CSRF token of the session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey?: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                createdBy: string | null;
                                expiresAt: string | null;
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                revokedAt: string | null;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                /** @description Empty: every warehouse */
                                warehouses: string[];
                            };
                            csrfToken: string | null;
                            expiresAt: string | null;
                            permissions: string[];
                            user: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                email: string;
                                id: string;
                                lockedUntil: string | null;
                                name: string;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                status: "active" | "disabled";
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                updatedAt: string;
                                warehouses: string[];
                            } | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/damages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark units on hand as damaged (not sellable) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /** @description Units of the base unit, 1…1,000,000,000 */
                        quantity: number;
                        reason: string;
                        /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                        sku: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockOperation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events after a cursor, oldest first
         * @description Pass the last id you processed as `after` (0 to start); continue with `nextAfter`. At-least-once: deduplicate by id.
         */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    limit?: number;
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku?: string;
                    /** @description Comma-separated: stock.changed, stock.out_of_stock, stock.back_in_stock, stock.low, stock.below_safety, reservation.created, reservation.confirmed, reservation.released, reservation.expired, reservation.fulfilled, reservation.extended, transfer.shipped, transfer.received, sku.created, sku.updated, sku.archived, warehouse.created, warehouse.updated, webhook.disabled */
                    types?: string;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                data: {
                                    [key: string]: unknown;
                                };
                                id: number;
                                /** Format: date-time */
                                occurredAt: string;
                                sku: string | null;
                                type: string;
                                warehouse: string | null;
                            }[];
                            nextAfter: number;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events; resumes after the Last-Event-ID header (or `after`) */
        get: {
            parameters: {
                query?: {
                    after?: number;
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku?: string;
                    /** @description Comma-separated: stock.changed, stock.out_of_stock, stock.back_in_stock, stock.low, stock.below_safety, reservation.created, reservation.confirmed, reservation.released, reservation.expired, reservation.fulfilled, reservation.extended, transfer.shipped, transfer.received, sku.created, sku.updated, sku.archived, warehouse.created, warehouse.updated, webhook.disabled */
                    types?: string;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: {
                    "last-event-id"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ledger, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    referenceId?: string;
                    /** @description UTC, ISO-8601 with milliseconds */
                    since?: string;
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku?: string;
                    type?: "receive" | "reserve" | "release" | "expire" | "allocate" | "fulfil" | "return" | "adjust" | "damage" | "write_off" | "transfer_out" | "transfer_in";
                    /** @description UTC, ISO-8601 with milliseconds */
                    until?: string;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Movement"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive goods into a warehouse (adds to onHand) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                        }[];
                        /** @description Your document number (purchase order, RMA, …) */
                        reference?: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockOperation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * SKUs with their stock figures and status, searchable and filterable by warehouse and status
         * @description Every SKU, with the figures of the caller's warehouses. Each request scans at most 2000 SKUs: with a rare status a page may come back short (even empty) with a nextCursor; keep following it.
         */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description Code prefix, part of the name, or the exact barcode */
                    search?: string;
                    status?: "in_stock" | "low_stock" | "out_of_stock";
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                allocated: number;
                                available: number;
                                damaged: number;
                                inTransit: number;
                                onHand: number;
                                reorderPoint: number;
                                reserved: number;
                                sku: components["schemas"]["Sku"];
                                status: "in_stock" | "low_stock" | "out_of_stock";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/movements-daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Movements and units per day and movement type, for the last `days` days (today included) */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    /** @description Minutes east of UTC of the days (e.g. 60 for CET) */
                    tzOffsetMinutes?: number;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                byType: {
                                    [key: string]: {
                                        movements: number;
                                        units: number;
                                    };
                                };
                                /** @description YYYY-MM-DD */
                                date: string;
                            }[];
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            since: string;
                            types: string[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/sku-history/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A SKU's on-hand and available after each movement, rebuilt from the ledger (oldest first)
         * @description At most 2000 movements (then `truncated`). `available` uses today's safety stock throughout (a setting, not a movement).
         */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            points: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                at: string;
                                available: number;
                                movementId: number | null;
                                onHand: number;
                            }[];
                            sku: string;
                            truncated: boolean;
                            warehouse: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Units and SKU counts across warehouses (or one), open transfers, holds expiring within an hour
         * @description Cached until the next commit (at most 5 s for commits of other server processes), recomputed at most once a second per warehouse filter. Callers limited to warehouses (staff, scoped keys) get the figures of their warehouses; naming another is refused with 403 warehouse_not_permitted. Out of stock: nothing available summed over the warehouses; low: some level at or below its reorder point.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            generatedAt: string;
                            openTransfers: number;
                            /** @description Active holds expiring within the next hour */
                            reservationsExpiringSoon: number;
                            /** @description Active (not archived) SKUs */
                            skus: number;
                            /** @description Active SKUs with a level at or below its reorder point (as `GET /v1/stock?belowReorderPoint=true`) */
                            skusLow: number;
                            /** @description Active SKUs with nothing available */
                            skusOutOfStock: number;
                            totals: {
                                allocated: number;
                                available: number;
                                damaged: number;
                                inTransit: number;
                                onHand: number;
                                reserved: number;
                            };
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Transfers from or to the caller's warehouses (or the one named), newest first (by id; transfers of the same millisecond in any order) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    /** @description open: not yet received in full */
                    status?: "open" | "received";
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Transfer"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List reservations, newest first */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    reference?: string;
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku?: string;
                    status?: "active" | "allocated" | "partially_fulfilled" | "fulfilled" | "released" | "expired";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Reservation"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Hold stock for a cart or checkout (all lines or none)
         * @description A line without `warehouse` is served by the active warehouse with the most available units (ties by code). Insufficient stock → 409 insufficient_stock with the short lines in details.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The sales channel, e.g. web, amazon */
                        channel?: string;
                        lines: {
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                            /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                            warehouse?: string;
                        }[];
                        /** @description Your order or cart id */
                        reference: string;
                        /** @description Seconds until the hold expires (1…604800) */
                        ttlSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a reservation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Payment arrived: turn the hold into an allocation (refused after expiresAt) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the expiry of an active hold to ttlSeconds from now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Seconds until the hold expires (1…604800) */
                        ttlSeconds: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/fulfil": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ship allocated units (all, or the given lines) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines?: {
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                            /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                            warehouse?: string;
                        }[];
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reservations/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a hold or allocation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reservation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take back returned goods, resellable or damaged */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines: {
                            condition: "resellable" | "damaged";
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                        }[];
                        /** @description Your document number (purchase order, RMA, …) */
                        reference?: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockOperation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/skus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List or search SKUs (code prefix, name, exact barcode) */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    includeArchived?: boolean;
                    limit?: number;
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Sku"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a SKU */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: string;
                        };
                        backorder?: {
                            allowed: boolean;
                            /** @description How far below zero `available` may go */
                            limit: number;
                        };
                        barcode?: string | null;
                        dimensionsMm?: {
                            height: number;
                            length: number;
                            width: number;
                        } | null;
                        name: string;
                        productId?: string | null;
                        /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                        sku: string;
                        unit?: string;
                        weightGrams?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sku"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/skus/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a SKU */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sku"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Archive a SKU (refused while it has stock or holds) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sku"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a SKU (its code never changes) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Restore an archived SKU
                         * @enum {boolean}
                         */
                        archived?: false;
                        attributes?: {
                            [key: string]: string;
                        };
                        backorder?: {
                            allowed: boolean;
                            /** @description How far below zero `available` may go */
                            limit: number;
                        };
                        barcode?: string | null;
                        dimensionsMm?: {
                            height: number;
                            length: number;
                            width: number;
                        } | null;
                        name?: string;
                        productId?: string | null;
                        unit?: string;
                        weightGrams?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sku"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/stock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List stock levels */
        get: {
            parameters: {
                query?: {
                    belowReorderPoint?: boolean;
                    cursor?: string;
                    limit?: number;
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku?: string;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["StockLevel"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/{sku}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Availability of a SKU, per warehouse and in total */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockSummary"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stock/{sku}/{warehouse}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change safety stock and reorder settings of a level (not a movement) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                    sku: string;
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    warehouse: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reorderPoint?: number;
                        reorderQuantity?: number;
                        safetyStock?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockLevel"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ship stock to another warehouse (onHand leaves the source, inTransit grows at the destination) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        from: string;
                        lines: {
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                        }[];
                        /** @description Your document number (purchase order, RMA, …) */
                        reference?: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Transfer"] & {
                            movements: components["schemas"]["Movement"][];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a transfer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Transfer"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}/receive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive a transfer at its destination, fully or in part */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        lines?: {
                            /** @description Units of the base unit, 1…1,000,000,000 */
                            quantity: number;
                            /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                            sku: string;
                        }[];
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Transfer"] & {
                            movements: components["schemas"]["Movement"][];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users by email */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                email: string;
                                id: string;
                                lockedUntil: string | null;
                                name: string;
                                role: "admin" | "manager" | "staff" | "integration" | "viewer";
                                status: "active" | "disabled";
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                updatedAt: string;
                                warehouses: string[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a user who signs in with email and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Unique, compared without case */
                        email: string;
                        name: string;
                        /** @description At least 12 characters, not containing the email or name */
                        password: string;
                        role: "admin" | "manager" | "staff" | "integration" | "viewer";
                        warehouses?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            email: string;
                            id: string;
                            lockedUntil: string | null;
                            name: string;
                            role: "admin" | "manager" | "staff" | "integration" | "viewer";
                            status: "active" | "disabled";
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            warehouses: string[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            email: string;
                            id: string;
                            lockedUntil: string | null;
                            name: string;
                            role: "admin" | "manager" | "staff" | "integration" | "viewer";
                            status: "active" | "disabled";
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            warehouses: string[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user: name, role, warehouses, status (disable instead of delete) or password
         * @description Disabling a user or setting a password ends their sessions. The last active admin cannot be demoted or disabled (409 last_admin).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description At least 12 characters, not containing the email or name */
                        password?: string;
                        role?: "admin" | "manager" | "staff" | "integration" | "viewer";
                        status?: "active" | "disabled";
                        warehouses?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            email: string;
                            id: string;
                            lockedUntil: string | null;
                            name: string;
                            role: "admin" | "manager" | "staff" | "integration" | "viewer";
                            status: "active" | "disabled";
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            warehouses: string[];
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List warehouses */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Warehouse"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a warehouse */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        address?: string | null;
                        capacityUnits?: number | null;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        code: string;
                        latitude?: number | null;
                        longitude?: number | null;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Warehouse"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/warehouses/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a warehouse */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Warehouse"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a warehouse (its code never changes) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        address?: string | null;
                        capacityUnits?: number | null;
                        latitude?: number | null;
                        longitude?: number | null;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Warehouse"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook endpoints */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                /** @description Failed attempts since the last 2xx */
                                consecutiveFailures: number;
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                disabledReason: string | null;
                                failingSince: string | null;
                                id: string;
                                types: string[];
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                updatedAt: string;
                                url: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a webhook endpoint (the answer is the only time its secret is shown)
         * @description The endpoint receives the events committed after it was created, signed with `Stockroom-Signature` (docs/events.md).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @description The signing key; generated (32 random bytes) when absent */
                        secret?: string;
                        /** @description Event types to send; empty = every type */
                        types?: ("stock.changed" | "stock.out_of_stock" | "stock.back_in_stock" | "stock.low" | "stock.below_safety" | "reservation.created" | "reservation.confirmed" | "reservation.released" | "reservation.expired" | "reservation.fulfilled" | "reservation.extended" | "transfer.shipped" | "transfer.received" | "sku.created" | "sku.updated" | "sku.archived" | "warehouse.created" | "warehouse.updated" | "webhook.disabled")[];
                        /**
                         * Format: uri
                         * @description http(s) URL; refused (422 webhook_url_forbidden) when its host is or resolves to a loopback, private, link-local or unique-local address
                         */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** @description Failed attempts since the last 2xx */
                            consecutiveFailures: number;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            disabledReason: string | null;
                            failingSince: string | null;
                            id: string;
                            /** @description Shown only here: store it to verify signatures */
                            secret: string;
                            types: string[];
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** @description Failed attempts since the last 2xx */
                            consecutiveFailures: number;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            disabledReason: string | null;
                            failingSince: string | null;
                            id: string;
                            types: string[];
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint and its delivery history */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook endpoint; `active: true` switches a disabled one on again */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        /** @description The signing key; generated (32 random bytes) when absent */
                        secret?: string;
                        /** @description Event types to send; empty = every type */
                        types?: ("stock.changed" | "stock.out_of_stock" | "stock.back_in_stock" | "stock.low" | "stock.below_safety" | "reservation.created" | "reservation.confirmed" | "reservation.released" | "reservation.expired" | "reservation.fulfilled" | "reservation.extended" | "transfer.shipped" | "transfer.received" | "sku.created" | "sku.updated" | "sku.archived" | "warehouse.created" | "warehouse.updated" | "webhook.disabled")[];
                        /**
                         * Format: uri
                         * @description http(s) URL; refused (422 webhook_url_forbidden) when its host is or resolves to a loopback, private, link-local or unique-local address
                         */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** @description Failed attempts since the last 2xx */
                            consecutiveFailures: number;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            disabledReason: string | null;
                            failingSince: string | null;
                            id: string;
                            types: string[];
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries of a webhook, newest first: attempts, last status code, error and latency */
        get: {
            parameters: {
                query?: {
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "succeeded" | "dead";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                createdAt: string;
                                eventId: number;
                                eventType: string;
                                firstAttemptAt: string | null;
                                id: string;
                                lastError: string | null;
                                lastLatencyMs: number | null;
                                lastStatusCode: number | null;
                                nextAttemptAt: string | null;
                                sku: string | null;
                                status: "pending" | "succeeded" | "dead";
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601 with milliseconds
                                 */
                                updatedAt: string;
                                webhookId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a dead or pending delivery again now (a new 24-hour window) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            createdAt: string;
                            eventId: number;
                            eventType: string;
                            firstAttemptAt: string | null;
                            id: string;
                            lastError: string | null;
                            lastLatencyMs: number | null;
                            lastStatusCode: number | null;
                            nextAttemptAt: string | null;
                            sku: string | null;
                            status: "pending" | "succeeded" | "dead";
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601 with milliseconds
                             */
                            updatedAt: string;
                            webhookId: string;
                        };
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/write-offs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove damaged units from the building */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /** @description Units of the base unit, 1…1,000,000,000 */
                        quantity: number;
                        reason: string;
                        /** @description SKU code: 1–64 letters, digits, `-`, `_` or `.` */
                        sku: string;
                        /** @description Warehouse code: 1–64 letters, digits, `-`, `_` or `.` */
                        warehouse: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StockOperation"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description Every error: a stable code (see docs/errors.md), a message for people, optional details. */
        Error: {
            error: {
                code: "validation_failed" | "invalid_json" | "unsupported_media_type" | "payload_too_large" | "invalid_cursor" | "unauthorized" | "invalid_credentials" | "too_many_attempts" | "too_many_requests" | "csrf_token_invalid" | "forbidden" | "warehouse_not_permitted" | "not_found" | "sku_not_found" | "warehouse_not_found" | "reservation_not_found" | "transfer_not_found" | "webhook_not_found" | "delivery_not_found" | "user_not_found" | "api_key_not_found" | "sku_exists" | "barcode_exists" | "warehouse_exists" | "sku_archived" | "sku_has_stock" | "warehouse_inactive" | "backorder_in_use" | "user_exists" | "last_admin" | "weak_password" | "insufficient_stock" | "would_break_holds" | "insufficient_damaged" | "transfer_same_warehouse" | "transfer_over_receipt" | "invalid_reservation_state" | "reservation_expired" | "fulfil_over_allocation" | "invalid_transfer_state" | "webhook_url_forbidden" | "invalid_delivery_state" | "idempotency_key_reused" | "idempotency_in_progress" | "invalid_idempotency_key" | "service_unavailable" | "internal_error";
                details?: {
                    [key: string]: unknown;
                };
                message: string;
            };
        };
        Movement: {
            actor: {
                id: string;
                name: string;
                type: string;
            };
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            at: string;
            deltas: {
                allocated: number;
                damaged: number;
                inTransit: number;
                onHand: number;
                reserved: number;
            };
            id: number;
            note: string | null;
            quantity: number;
            reason: string | null;
            reference: {
                id: string;
                type: "receipt" | "reservation" | "adjustment" | "damage" | "write_off" | "transfer" | "return";
            };
            sku: string;
            type: "receive" | "reserve" | "release" | "expire" | "allocate" | "fulfil" | "return" | "adjust" | "damage" | "write_off" | "transfer_out" | "transfer_in";
            warehouse: string;
        };
        Reservation: {
            channel: string | null;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            expiresAt: string;
            id: string;
            lines: {
                /** @description Units not in the building when reserved (beyond onHand − reserved − allocated − damaged): a pre-order */
                backordered: number;
                fulfilled: number;
                quantity: number;
                sku: string;
                warehouse: string;
            }[];
            reference: string;
            status: "active" | "allocated" | "partially_fulfilled" | "fulfilled" | "released" | "expired";
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            updatedAt: string;
        };
        Sku: {
            archived: boolean;
            attributes: {
                [key: string]: string;
            };
            backorder: {
                allowed: boolean;
                limit: number;
            };
            barcode: string | null;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            createdAt: string;
            dimensionsMm: {
                height: number;
                length: number;
                width: number;
            } | null;
            name: string;
            productId: string | null;
            sku: string;
            unit: string;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            updatedAt: string;
            weightGrams: number | null;
        };
        StockLevel: {
            allocated: number;
            /** @description onHand − reserved − allocated − damaged − safetyStock */
            available: number;
            /** @description available + inTransit */
            availableToPromise: number;
            damaged: number;
            inTransit: number;
            onHand: number;
            reorderPoint: number;
            reorderQuantity: number;
            reserved: number;
            safetyStock: number;
            sku: string;
            status: "in_stock" | "low_stock" | "out_of_stock";
            warehouse: string;
        };
        StockOperation: {
            id: string;
            levels: components["schemas"]["StockLevel"][];
            movements: components["schemas"]["Movement"][];
            reference: string | null;
        };
        StockSummary: {
            sku: string;
            totals: {
                allocated: number;
                /** @description onHand − reserved − allocated − damaged − safetyStock */
                available: number;
                /** @description available + inTransit */
                availableToPromise: number;
                damaged: number;
                inTransit: number;
                onHand: number;
                reorderPoint: number;
                reorderQuantity: number;
                reserved: number;
                safetyStock: number;
            };
            warehouses: components["schemas"]["StockLevel"][];
        };
        Transfer: {
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            createdAt: string;
            from: string;
            id: string;
            lines: {
                quantity: number;
                received: number;
                sku: string;
            }[];
            reference: string | null;
            status: "in_transit" | "partially_received" | "received";
            to: string;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            updatedAt: string;
        };
        Warehouse: {
            active: boolean;
            address: string | null;
            capacityUnits: number | null;
            code: string;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            createdAt: string;
            latitude: number | null;
            longitude: number | null;
            name: string;
            /**
             * Format: date-time
             * @description UTC, ISO-8601 with milliseconds
             */
            updatedAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
