/* Generated from the API's OpenAPI document by scripts/web-types.ts (npm run web:types): do not edit. */
export interface paths {
    "/api/accident-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Declaration terms: the built-in defaults per country and the configured ones (per country or insurer) */
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
                            configured: {
                                /** @enum {string} */
                                country: "BE" | "NL";
                                /** @description calendar days to declare, counted from the day after the accident */
                                days: number;
                                reminderDays: number[];
                                reminderHour: number;
                                /**
                                 * Format: uuid
                                 * @description an insurer's own term; null: the country's
                                 */
                                supplierId: string | null;
                            }[];
                            defaults: {
                                /** @enum {string} */
                                country: "BE" | "NL";
                                /** @description calendar days to declare, counted from the day after the accident */
                                days: number;
                                reminderDays: number[];
                                reminderHour: number;
                                /**
                                 * Format: uuid
                                 * @description an insurer's own term; null: the country's
                                 */
                                supplierId: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        /** Set the declaration term of a country, or of one insurer in it (applies to cases registered from now on) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        country: "BE" | "NL";
                        /** @description calendar days to declare, counted from the day after the accident */
                        days: number;
                        reminderDays: number[];
                        reminderHour: number;
                        /**
                         * Format: uuid
                         * @description an insurer's own term; null: the country's
                         */
                        supplierId: string | null;
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
                            /** @enum {string} */
                            country: "BE" | "NL";
                            /** @description calendar days to declare, counted from the day after the accident */
                            days: number;
                            reminderDays: number[];
                            reminderHour: number;
                            /**
                             * Format: uuid
                             * @description an insurer's own term; null: the country's
                             */
                            supplierId: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/accidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accidents and the first-aid register, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    limit?: number;
                    personId?: string;
                    status?: "first_aid" | "open" | "declared" | "closed";
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
                                claimNumber: string | null;
                                closedAt: string | null;
                                closedBy: string | null;
                                /** @enum {string} */
                                country: "NL" | "BE";
                                createdAt: string;
                                createdBy: string;
                                /** @description the last day to declare (null in the first-aid register) */
                                deadline: {
                                    at: string;
                                    date: string;
                                    overdue: boolean;
                                } | null;
                                declaredAt: string | null;
                                declaredBy: string | null;
                                /** @enum {string|null} */
                                declaredVia: "channel" | "download" | null;
                                /** Format: uuid */
                                employerId: string;
                                fatal: boolean | null;
                                /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                                healthRestricted: boolean;
                                /** Format: uuid */
                                id: string;
                                incapacityFrom: string | null;
                                learnedAt: string | null;
                                occurredAt: string;
                                /** Format: uuid */
                                personId: string;
                                place: string;
                                policyNumber: string | null;
                                portalReference: string | null;
                                reference: string;
                                /** @enum {string} */
                                status: "first_aid" | "open" | "declared" | "closed";
                                /** Format: uuid */
                                supplierId: string | null;
                                workflowId: string | null;
                                workResumedOn: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a work accident for a person already in Mutaflow
         * @description A minor accident (no incapacity, no wage loss, first aid only) goes into the first-aid register; anything more opens a case with its declaration deadline (workflow `accident-<id>`).
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
                        /** @description what happened (health data: sealed, shown only with the health permission) */
                        description: string;
                        /** @default false */
                        fatal?: boolean;
                        firstAid?: string | null;
                        /**
                         * Format: date
                         * @description the first day the victim could not work
                         */
                        incapacityFrom?: string | null;
                        /** @default [] */
                        injuries?: {
                            bodyPart: string;
                            nature: string;
                        }[];
                        /** @description care beyond first aid: a doctor, a hospital */
                        medicalCare?: string | null;
                        /** @description ISO 8601 with an offset, or a local "yyyy-mm-ddThh:mm" in the employer's country */
                        occurredAt: string;
                        /** Format: uuid */
                        personId: string;
                        place: string;
                        policyNumber?: string | null;
                        /** @description measures taken against recurrence */
                        prevention?: string | null;
                        /**
                         * Format: uuid
                         * @description the accident insurer; by default the one the person is enrolled with on the day
                         */
                        supplierId?: string | null;
                        /** @default false */
                        wageLoss?: boolean;
                        /** @default [] */
                        witnesses?: {
                            contact?: string | null;
                            name: string;
                        }[];
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
                            claimNumber: string | null;
                            closeBlockers: string[];
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            createdBy: string;
                            /** @description the last day to declare (null in the first-aid register) */
                            deadline: {
                                at: string;
                                date: string;
                                overdue: boolean;
                            } | null;
                            declaredAt: string | null;
                            declaredBy: string | null;
                            /** @enum {string|null} */
                            declaredVia: "channel" | "download" | null;
                            /** @description null without the health permission */
                            details: {
                                description: string;
                                firstAid: string | null;
                                injuries: {
                                    bodyPart: string;
                                    nature: string;
                                }[];
                                medicalCare: string | null;
                                prevention: string | null;
                                witnesses: {
                                    contact?: string | null;
                                    name: string;
                                }[];
                            } | null;
                            detailsRestricted: boolean;
                            documents: {
                                createdAt: string;
                                /** @description only with the health permission */
                                fileName: string | null;
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description null without the health permission (except a declaration)
                                 * @enum {string|null}
                                 */
                                kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                                mediaType: string;
                                size: number;
                                uploadedBy: string;
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            fatal: boolean | null;
                            /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                            healthRestricted: boolean;
                            history: {
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incapacityFrom: string | null;
                            learnedAt: string | null;
                            occurredAt: string;
                            payments: {
                                amountCents: number | null;
                                period: string;
                                receivedOn: string;
                            }[];
                            /** Format: uuid */
                            personId: string;
                            place: string;
                            policyNumber: string | null;
                            portalReference: string | null;
                            reference: string;
                            /** @description steps still to come, earliest first */
                            reminders: {
                                at: string;
                                key: string;
                                kind: string;
                            }[];
                            /** @enum {string} */
                            status: "first_aid" | "open" | "declared" | "closed";
                            /** Format: uuid */
                            supplierId: string | null;
                            tasks: {
                                dueAt: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                remindedAt: string | null;
                                status: string;
                            }[];
                            workflowId: string | null;
                            workResumedOn: string | null;
                        };
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
    "/api/accidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case with its deadline, coming reminders, history, documents, tasks and payments */
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
                            claimNumber: string | null;
                            closeBlockers: string[];
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            createdBy: string;
                            /** @description the last day to declare (null in the first-aid register) */
                            deadline: {
                                at: string;
                                date: string;
                                overdue: boolean;
                            } | null;
                            declaredAt: string | null;
                            declaredBy: string | null;
                            /** @enum {string|null} */
                            declaredVia: "channel" | "download" | null;
                            /** @description null without the health permission */
                            details: {
                                description: string;
                                firstAid: string | null;
                                injuries: {
                                    bodyPart: string;
                                    nature: string;
                                }[];
                                medicalCare: string | null;
                                prevention: string | null;
                                witnesses: {
                                    contact?: string | null;
                                    name: string;
                                }[];
                            } | null;
                            detailsRestricted: boolean;
                            documents: {
                                createdAt: string;
                                /** @description only with the health permission */
                                fileName: string | null;
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description null without the health permission (except a declaration)
                                 * @enum {string|null}
                                 */
                                kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                                mediaType: string;
                                size: number;
                                uploadedBy: string;
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            fatal: boolean | null;
                            /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                            healthRestricted: boolean;
                            history: {
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incapacityFrom: string | null;
                            learnedAt: string | null;
                            occurredAt: string;
                            payments: {
                                amountCents: number | null;
                                period: string;
                                receivedOn: string;
                            }[];
                            /** Format: uuid */
                            personId: string;
                            place: string;
                            policyNumber: string | null;
                            portalReference: string | null;
                            reference: string;
                            /** @description steps still to come, earliest first */
                            reminders: {
                                at: string;
                                key: string;
                                kind: string;
                            }[];
                            /** @enum {string} */
                            status: "first_aid" | "open" | "declared" | "closed";
                            /** Format: uuid */
                            supplierId: string | null;
                            tasks: {
                                dueAt: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                remindedAt: string | null;
                                status: string;
                            }[];
                            workflowId: string | null;
                            workResumedOn: string | null;
                        };
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
    "/api/accidents/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a settled case (409 names what is not settled yet) */
        post: {
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
                            claimNumber: string | null;
                            closeBlockers: string[];
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            createdBy: string;
                            /** @description the last day to declare (null in the first-aid register) */
                            deadline: {
                                at: string;
                                date: string;
                                overdue: boolean;
                            } | null;
                            declaredAt: string | null;
                            declaredBy: string | null;
                            /** @enum {string|null} */
                            declaredVia: "channel" | "download" | null;
                            /** @description null without the health permission */
                            details: {
                                description: string;
                                firstAid: string | null;
                                injuries: {
                                    bodyPart: string;
                                    nature: string;
                                }[];
                                medicalCare: string | null;
                                prevention: string | null;
                                witnesses: {
                                    contact?: string | null;
                                    name: string;
                                }[];
                            } | null;
                            detailsRestricted: boolean;
                            documents: {
                                createdAt: string;
                                /** @description only with the health permission */
                                fileName: string | null;
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description null without the health permission (except a declaration)
                                 * @enum {string|null}
                                 */
                                kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                                mediaType: string;
                                size: number;
                                uploadedBy: string;
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            fatal: boolean | null;
                            /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                            healthRestricted: boolean;
                            history: {
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incapacityFrom: string | null;
                            learnedAt: string | null;
                            occurredAt: string;
                            payments: {
                                amountCents: number | null;
                                period: string;
                                receivedOn: string;
                            }[];
                            /** Format: uuid */
                            personId: string;
                            place: string;
                            policyNumber: string | null;
                            portalReference: string | null;
                            reference: string;
                            /** @description steps still to come, earliest first */
                            reminders: {
                                at: string;
                                key: string;
                                kind: string;
                            }[];
                            /** @enum {string} */
                            status: "first_aid" | "open" | "declared" | "closed";
                            /** Format: uuid */
                            supplierId: string | null;
                            tasks: {
                                dueAt: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                remindedAt: string | null;
                                status: string;
                            }[];
                            workflowId: string | null;
                            workResumedOn: string | null;
                        };
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
    "/api/accidents/{id}/declare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare the accident: the pre-filled PDF, sent over the insurer's channel or kept for download (social security portal) */
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
                        /**
                         * @default nl
                         * @enum {string}
                         */
                        lang?: "nl" | "fr" | "en";
                        /**
                         * @default download
                         * @enum {string}
                         */
                        via?: "channel" | "download";
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
                            claimNumber: string | null;
                            closeBlockers: string[];
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            createdBy: string;
                            /** @description the last day to declare (null in the first-aid register) */
                            deadline: {
                                at: string;
                                date: string;
                                overdue: boolean;
                            } | null;
                            declaration: {
                                delivered: boolean;
                                /** Format: uuid */
                                documentId: string;
                                /** @enum {string} */
                                via: "channel" | "download";
                            };
                            declaredAt: string | null;
                            declaredBy: string | null;
                            /** @enum {string|null} */
                            declaredVia: "channel" | "download" | null;
                            /** @description null without the health permission */
                            details: {
                                description: string;
                                firstAid: string | null;
                                injuries: {
                                    bodyPart: string;
                                    nature: string;
                                }[];
                                medicalCare: string | null;
                                prevention: string | null;
                                witnesses: {
                                    contact?: string | null;
                                    name: string;
                                }[];
                            } | null;
                            detailsRestricted: boolean;
                            documents: {
                                createdAt: string;
                                /** @description only with the health permission */
                                fileName: string | null;
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description null without the health permission (except a declaration)
                                 * @enum {string|null}
                                 */
                                kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                                mediaType: string;
                                size: number;
                                uploadedBy: string;
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            fatal: boolean | null;
                            /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                            healthRestricted: boolean;
                            history: {
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incapacityFrom: string | null;
                            learnedAt: string | null;
                            occurredAt: string;
                            payments: {
                                amountCents: number | null;
                                period: string;
                                receivedOn: string;
                            }[];
                            /** Format: uuid */
                            personId: string;
                            place: string;
                            policyNumber: string | null;
                            portalReference: string | null;
                            reference: string;
                            /** @description steps still to come, earliest first */
                            reminders: {
                                at: string;
                                key: string;
                                kind: string;
                            }[];
                            /** @enum {string} */
                            status: "first_aid" | "open" | "declared" | "closed";
                            /** Format: uuid */
                            supplierId: string | null;
                            tasks: {
                                dueAt: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                remindedAt: string | null;
                                status: string;
                            }[];
                            workflowId: string | null;
                            workResumedOn: string | null;
                        };
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
    "/api/accidents/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a medical certificate, sick note or other document (PDF, JPEG or PNG, ≤ 10 MiB; stored encrypted)
         * @description multipart/form-data: `file`, `kind` (medical_certificate | sick_note | other), `validFrom`, `validUntil` (a sick note's last day: required for a sick note; a reminder goes out before it).
         */
        post: {
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
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @description only with the health permission */
                            fileName: string | null;
                            /** Format: uuid */
                            id: string;
                            /**
                             * @description null without the health permission (except a declaration)
                             * @enum {string|null}
                             */
                            kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                            mediaType: string;
                            size: number;
                            uploadedBy: string;
                            validFrom: string | null;
                            validUntil: string | null;
                        };
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
    "/api/accidents/{id}/documents/{documentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A document's content (health data: only with the accidents.health permission; each opening is in the case history) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    documentId: string;
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
    "/api/accidents/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record what happened: payment received, work resumed, incapacity started, claim number, portal reference, or a first-aid entry that worsened */
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
                        amountCents?: number | null;
                        /** @enum {string} */
                        kind: "payment_received";
                        period: string;
                        /** Format: date */
                        receivedOn: string;
                    } | {
                        /** Format: date */
                        date: string;
                        /** @enum {string} */
                        kind: "work_resumed";
                    } | {
                        /** Format: date */
                        date: string;
                        /** @enum {string} */
                        kind: "incapacity_started";
                    } | {
                        claimNumber: string;
                        /** @enum {string} */
                        kind: "claim_number";
                    } | {
                        /** @enum {string} */
                        kind: "portal_reference";
                        reference: string;
                    } | {
                        /** Format: date */
                        incapacityFrom?: string | null;
                        /**
                         * @description a first-aid entry turned out worse: it becomes a case; the term runs from learnedAt
                         * @enum {string}
                         */
                        kind: "worsened";
                        learnedAt?: string;
                        medicalCare?: string | null;
                        wageLoss?: boolean;
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
                            claimNumber: string | null;
                            closeBlockers: string[];
                            closedAt: string | null;
                            closedBy: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            createdBy: string;
                            /** @description the last day to declare (null in the first-aid register) */
                            deadline: {
                                at: string;
                                date: string;
                                overdue: boolean;
                            } | null;
                            declaredAt: string | null;
                            declaredBy: string | null;
                            /** @enum {string|null} */
                            declaredVia: "channel" | "download" | null;
                            /** @description null without the health permission */
                            details: {
                                description: string;
                                firstAid: string | null;
                                injuries: {
                                    bodyPart: string;
                                    nature: string;
                                }[];
                                medicalCare: string | null;
                                prevention: string | null;
                                witnesses: {
                                    contact?: string | null;
                                    name: string;
                                }[];
                            } | null;
                            detailsRestricted: boolean;
                            documents: {
                                createdAt: string;
                                /** @description only with the health permission */
                                fileName: string | null;
                                /** Format: uuid */
                                id: string;
                                /**
                                 * @description null without the health permission (except a declaration)
                                 * @enum {string|null}
                                 */
                                kind: "medical_certificate" | "sick_note" | "declaration" | "other" | null;
                                mediaType: string;
                                size: number;
                                uploadedBy: string;
                                validFrom: string | null;
                                validUntil: string | null;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            fatal: boolean | null;
                            /** @description true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission */
                            healthRestricted: boolean;
                            history: {
                                at: string;
                                by: string;
                                detail: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            incapacityFrom: string | null;
                            learnedAt: string | null;
                            occurredAt: string;
                            payments: {
                                amountCents: number | null;
                                period: string;
                                receivedOn: string;
                            }[];
                            /** Format: uuid */
                            personId: string;
                            place: string;
                            policyNumber: string | null;
                            portalReference: string | null;
                            reference: string;
                            /** @description steps still to come, earliest first */
                            reminders: {
                                at: string;
                                key: string;
                                kind: string;
                            }[];
                            /** @enum {string} */
                            status: "first_aid" | "open" | "declared" | "closed";
                            /** Format: uuid */
                            supplierId: string | null;
                            tasks: {
                                dueAt: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                remindedAt: string | null;
                                status: string;
                            }[];
                            workflowId: string | null;
                            workResumedOn: string | null;
                        };
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
    "/api/accidents/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * For the prevention advisor: accidents, days lost, frequency and severity rates per group (JSON or XLSX)
         * @description Frequency rate = accidents with ≥ 1 day lost × 1,000,000 / hours worked; severity rate = calendar days lost × 1,000 / hours worked. Hours worked are estimated from the payroll (schedule % × full-time weekly hours × weeks employed) unless a person lacks them.
         */
        get: {
            parameters: {
                query: {
                    employerId?: string;
                    format?: "json" | "xlsx";
                    from: string;
                    fullTimeWeeklyHours?: number;
                    groupBy?: "department" | "category" | "month";
                    lang?: "nl" | "fr" | "en";
                    to: string;
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
                            from: string;
                            fullTimeWeeklyHours: number;
                            groupBy: string;
                            rows: {
                                accidents: number;
                                accidentsWithLostDays: number;
                                daysLost: number;
                                frequencyRate: number | null;
                                group: string;
                                hoursWorked: number;
                                minorAccidents: number;
                                severityRate: number | null;
                            }[];
                            to: string;
                            total: {
                                accidents: number;
                                accidentsWithLostDays: number;
                                daysLost: number;
                                frequencyRate: number | null;
                                group: string;
                                hoursWorked: number;
                                minorAccidents: number;
                                severityRate: number | null;
                            };
                        };
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
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who viewed or changed what, on which person and employer, when, from where */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    from?: string;
                    limit?: number;
                    personId?: string;
                    to?: string;
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
                                action: string;
                                actor: string;
                                at: string;
                                /** Format: uuid */
                                employerId: string | null;
                                hash: string | null;
                                id: number;
                                ip: string | null;
                                method: string;
                                /** Format: uuid */
                                personId: string | null;
                                /** @description the persons a list or an export showed */
                                personIds: string[] | null;
                                prevHash: string | null;
                                resourceId: string | null;
                                route: string;
                                status: number;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/audit-rule-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rule templates to start from */
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
                            items: {
                                description: {
                                    en: string;
                                    fr: string;
                                    nl: string;
                                };
                                id: string;
                                labels: {
                                    en: string;
                                    fr: string;
                                    nl: string;
                                };
                                rule: unknown;
                            }[];
                        };
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
    "/api/audit-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rule with every version */
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
                            definition: unknown;
                            /** @description what the rule checks, in words */
                            description: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            /** Format: uuid */
                            employerId: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "presence" | "validity" | "change";
                            name: string;
                            population: unknown;
                            /** @enum {string} */
                            severity: "info" | "warning" | "blocking";
                            templateId: string | null;
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                            versions: {
                                createdAt: string;
                                createdBy: string;
                                definition: unknown;
                                enabled: boolean;
                                name: string;
                                population: unknown;
                                /** @enum {string} */
                                severity: "info" | "warning" | "blocking";
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        /** Change a rule: a new version (findings already raised keep theirs) */
        put: {
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
                        definition: {
                            fields: string[];
                            /** @enum {string} */
                            kind: "presence";
                        } | {
                            check: {
                                field: string;
                                max?: number;
                                min?: number;
                                /** @enum {string} */
                                op: "range";
                            } | {
                                /** @default hireDate */
                                at?: string;
                                max: number;
                                min: number;
                                /** @enum {string} */
                                op: "age";
                            } | {
                                earlier: string;
                                later: string;
                                /** @enum {string} */
                                op: "dateOrder";
                            } | {
                                /** @default nationalId */
                                field?: string;
                                /** @enum {string} */
                                op: "identifier";
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "oneOf";
                                values: string[];
                            };
                            /** @enum {string} */
                            kind: "validity";
                        } | {
                            check: {
                                field: string;
                                /** @enum {string} */
                                op: "increaseAbove";
                                percent: number;
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "decrease";
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "changed";
                            };
                            /** @enum {string} */
                            kind: "change";
                        };
                        /** @default true */
                        enabled?: boolean;
                        name: string;
                        /** @description who the rule applies to (domain/eligibility); absent: everyone */
                        population?: components["schemas"]["EligibilityFilterInput"] | null;
                        /** @enum {string} */
                        severity: "info" | "warning" | "blocking";
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
                            definition: unknown;
                            /** @description what the rule checks, in words */
                            description: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            /** Format: uuid */
                            employerId: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "presence" | "validity" | "change";
                            name: string;
                            population: unknown;
                            /** @enum {string} */
                            severity: "info" | "warning" | "blocking";
                            templateId: string | null;
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail under the same filters as a CSV file, newest first, streamed
         * @description Every entry that matches, read in pages while the file streams. The export itself is an entry of the trail.
         */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    employerId?: string;
                    from?: string;
                    personId?: string;
                    to?: string;
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
    "/api/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Checks the hash chain over the whole trail: where an entry was changed or removed
         * @description Each entry holds the hash of the one before and its own; `breaks` names the first entries that do not fit (`altered`: its content changed; `gap`: an entry before it was removed or changed; `head`: the newest entries were removed).
         */
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
                            breaks: {
                                id: number;
                                /** @enum {string} */
                                reason: "altered" | "gap" | "head";
                            }[];
                            checked: number;
                            firstId: number | null;
                            lastId: number | null;
                            ok: boolean;
                        };
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
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in: sets the session cookie and answers the CSRF token
         * @description 5 attempts a minute per address and account; 5 failures in a row lock the account for 15 minutes (429 account_locked). Roles with admin or health permissions also send `totp`: 401 `totp_required` without it, `totp_invalid` for a wrong or reused one, `totp_enrolment_required` when the user has no second factor yet (POST /api/auth/totp/setup).
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
                        /** @description the 6-digit code of the authenticator app (roles with admin or health permissions) */
                        totp?: string;
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
                            /** @description send it as x-csrf-token with every change made through the session cookie */
                            csrfToken: string | null;
                            employers: {
                                country: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            principal: {
                                /** @enum {string} */
                                kind: "user" | "token";
                                name: string;
                                role: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "nl" | "fr" | "en";
                                name: string;
                                role: string;
                            } | null;
                        };
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
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
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
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in: permissions, employers granted, the CSRF token */
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
                            /** @description send it as x-csrf-token with every change made through the session cookie */
                            csrfToken: string | null;
                            employers: {
                                country: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            principal: {
                                /** @enum {string} */
                                kind: "user" | "token";
                                name: string;
                                role: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "nl" | "fr" | "en";
                                name: string;
                                role: string;
                            } | null;
                        };
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
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change one's own password (signed-in users); ends the user's other sessions
         * @description The new password: at least 12 characters, not a common or breached one, not containing the e-mail address. A wrong current password counts as a failed sign-in.
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
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
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
    "/api/auth/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm the second factor with a first code from the app; signs in */
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
                        totp: string;
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
                            /** @description send it as x-csrf-token with every change made through the session cookie */
                            csrfToken: string | null;
                            employers: {
                                country: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            }[];
                            permissions: string[];
                            principal: {
                                /** @enum {string} */
                                kind: "user" | "token";
                                name: string;
                                role: string;
                            };
                            user: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "nl" | "fr" | "en";
                                name: string;
                                role: string;
                            } | null;
                        };
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
    "/api/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set up the second factor: answers a new TOTP secret for an authenticator app
         * @description With the password; replacing a second factor that is set up also needs a current code (`totp`). The secret takes effect once POST /api/auth/totp/confirm proves the app has it.
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
                        /** @description the 6-digit code of the authenticator app (roles with admin or health permissions) */
                        totp?: string;
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
                            /** @description base32, to type into the app */
                            secret: string;
                            /** @description otpauth:// URI (a QR code holds the same) */
                            uri: string;
                        };
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
    "/api/benefit-records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A benefit record with every change */
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
                            calculation: unknown;
                            endDate: string | null;
                            history: {
                                action: string;
                                at: string;
                                by: string;
                                endDate: string | null;
                                startDate: string;
                                values: {
                                    [key: string]: (string | number | boolean) | null;
                                };
                                version: number;
                            }[];
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            personId: string;
                            startDate: string;
                            /** Format: uuid */
                            typeId: string;
                            typeName: string;
                            updatedAt: string;
                            updatedBy: string;
                            values: {
                                [key: string]: (string | number | boolean) | null;
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        /** Change a record's values or dates (a new version in its history) */
        put: {
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
                        /** Format: date */
                        endDate?: string | null;
                        /** Format: date */
                        startDate?: string;
                        /** @description a value per field key: text, number, money (cents), date (yyyy-mm-dd), choice, yes/no (true/false) */
                        values: {
                            [key: string]: (string | number | boolean) | null;
                        };
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
                            calculation: unknown;
                            endDate: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            personId: string;
                            startDate: string;
                            /** Format: uuid */
                            typeId: string;
                            typeName: string;
                            updatedAt: string;
                            updatedBy: string;
                            values: {
                                [key: string]: (string | number | boolean) | null;
                            };
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/benefit-records/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a record on a date */
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
                        /** Format: date */
                        endDate: string;
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
                            calculation: unknown;
                            endDate: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            personId: string;
                            startDate: string;
                            /** Format: uuid */
                            typeId: string;
                            typeName: string;
                            updatedAt: string;
                            updatedBy: string;
                            values: {
                                [key: string]: (string | number | boolean) | null;
                            };
                            version: number;
                        };
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
    "/api/benefit-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A benefit type */
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
                            calculation: unknown;
                            eligibility: unknown;
                            /** @description who qualifies, in words */
                            eligibilityDescription: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            eligibilityVersion: number;
                            /** Format: uuid */
                            employerId: string;
                            fields: unknown[];
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                        };
                    };
                };
            };
        };
        /**
         * Change a benefit type
         * @description Fields may be added, relabelled or removed; a field that records hold values of keeps its type. A changed eligibility is named as the reason in the next review.
         */
        put: {
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
                        /** @default true */
                        active?: boolean;
                        calculation?: {
                            budgetField: string;
                            /** @enum {string} */
                            kind: "yearly_budget";
                            spentField: string;
                        } | null;
                        eligibility?: components["schemas"]["EligibilityFilterInput"] | null;
                        fields: {
                            key: string;
                            label: string;
                            options?: string[];
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "text" | "number" | "money" | "date" | "choice" | "yes_no";
                        }[];
                        name: string;
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
                            calculation: unknown;
                            eligibility: unknown;
                            /** @description who qualifies, in words */
                            eligibilityDescription: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            eligibilityVersion: number;
                            /** Format: uuid */
                            employerId: string;
                            fields: unknown[];
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bordereaux/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reconciled bordereau with its differences (people who left and are still billed first) */
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
                            correctionWindowDays: number;
                            createdAt: string;
                            /** @description a purged run: how many differences it had */
                            differenceCount?: number;
                            differences: {
                                billed?: (string | number) | null;
                                /**
                                 * @description a change on the bordereau, or one we communicated
                                 * @enum {string}
                                 */
                                change?: "first_appearance" | "work_time_change" | "premium_change" | "end_of_guarantee" | "affiliation" | "work_time" | "salary" | "premium_basis";
                                /** Format: uuid */
                                correctionMessageId: string | null;
                                expected?: (string | number) | null;
                                /** @enum {string} */
                                field?: "firstName" | "lastName" | "birthDate" | "salaryCents" | "workSchedulePercent" | "category" | "premiumCents";
                                fingerprint: string;
                                /** @enum {string} */
                                kind: "left_still_billed" | "billed_not_enrolled" | "enrolled_not_billed" | "family_member_billed_only" | "family_member_enrolled_only" | "data_mismatch" | "premium_mismatch" | "unknown_movement_code" | "change_not_communicated" | "communication_not_reflected";
                                /** @description a covered family member: their line on the bordereau */
                                memberKey?: string;
                                nationalId: string;
                                /** @enum {string} */
                                part: "persons" | "data" | "changes";
                                /** @enum {string|null} */
                                resolution: "insurer_will_correct" | "our_data_wrong" | "accepted" | null;
                                /** @description the bordereau line */
                                row?: number;
                                /** @enum {string} */
                                status: "open" | "recurring_accepted";
                                /** @description left and still billed: still inside the insurer's correction window */
                                withinCorrectionWindow?: boolean;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            lines: number;
                            /** @description a period with nothing communicated yet */
                            message?: string;
                            period: string;
                            /** @description when the lines and differences went at the end of their retention term */
                            purgedAt: string | null;
                            /** @enum {string} */
                            result: "no_communication" | "reconciled";
                            /** @enum {string} */
                            status: "current" | "replaced";
                            /** Format: uuid */
                            supplierId: string;
                        };
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
    "/api/bordereaux/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reconciliation as XLSX (summary sheet, differences sheet) in NL, FR or EN */
        get: {
            parameters: {
                query?: {
                    lang?: "nl" | "fr" | "en";
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
    "/api/bordereaux/{id}/resolutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve a difference with a reason
         * @description `accepted` differences that come back unchanged next month are shown as recurring and accepted, not raised again. `our_data_wrong` sends the insurer a correction message with our data as it now stands (correct it first), linked from the difference (`correctionMessageId`); 409 `no_correction_message` where none can be made.
         */
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
                        fingerprint: string;
                        note?: string;
                        /** @enum {string} */
                        reason: "insurer_will_correct" | "our_data_wrong" | "accepted";
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
                            correctionWindowDays: number;
                            createdAt: string;
                            /** @description a purged run: how many differences it had */
                            differenceCount?: number;
                            differences: {
                                billed?: (string | number) | null;
                                /**
                                 * @description a change on the bordereau, or one we communicated
                                 * @enum {string}
                                 */
                                change?: "first_appearance" | "work_time_change" | "premium_change" | "end_of_guarantee" | "affiliation" | "work_time" | "salary" | "premium_basis";
                                /** Format: uuid */
                                correctionMessageId: string | null;
                                expected?: (string | number) | null;
                                /** @enum {string} */
                                field?: "firstName" | "lastName" | "birthDate" | "salaryCents" | "workSchedulePercent" | "category" | "premiumCents";
                                fingerprint: string;
                                /** @enum {string} */
                                kind: "left_still_billed" | "billed_not_enrolled" | "enrolled_not_billed" | "family_member_billed_only" | "family_member_enrolled_only" | "data_mismatch" | "premium_mismatch" | "unknown_movement_code" | "change_not_communicated" | "communication_not_reflected";
                                /** @description a covered family member: their line on the bordereau */
                                memberKey?: string;
                                nationalId: string;
                                /** @enum {string} */
                                part: "persons" | "data" | "changes";
                                /** @enum {string|null} */
                                resolution: "insurer_will_correct" | "our_data_wrong" | "accepted" | null;
                                /** @description the bordereau line */
                                row?: number;
                                /** @enum {string} */
                                status: "open" | "recurring_accepted";
                                /** @description left and still billed: still inside the insurer's correction window */
                                withinCorrectionWindow?: boolean;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            lines: number;
                            /** @description a period with nothing communicated yet */
                            message?: string;
                            period: string;
                            /** @description when the lines and differences went at the end of their retention term */
                            purgedAt: string | null;
                            /** @enum {string} */
                            result: "no_communication" | "reconciled";
                            /** @enum {string} */
                            status: "current" | "replaced";
                            /** Format: uuid */
                            supplierId: string;
                        };
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
    "/api/comparison-definitions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A saved comparison */
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
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        /** Replace a saved comparison (its version goes up; earlier runs keep the version they ran with) */
        put: {
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
                        /** @default [] */
                        fields?: ({
                            a: string;
                            /** @default 0 */
                            absolute?: number;
                            b: string;
                            name?: string;
                            /** @default 0 */
                            percent?: number;
                            /** @enum {string} */
                            type: "amount";
                        } | {
                            a: string;
                            b: string;
                            /** @default 0 */
                            days?: number;
                            name?: string;
                            /** @enum {string} */
                            type: "date";
                        } | {
                            a: string;
                            b: string;
                            /** @default true */
                            ignoreAccents?: boolean;
                            /** @default true */
                            ignoreCase?: boolean;
                            /** @default true */
                            ignoreSpaces?: boolean;
                            name?: string;
                            /** @enum {string} */
                            type: "text";
                        } | {
                            a: string;
                            b: string;
                            name?: string;
                            /** @enum {string} */
                            type: "exact";
                        })[];
                        key: {
                            a: string;
                            b: string;
                            /** @default true */
                            ignoreCase?: boolean;
                            /** @default true */
                            ignoreLeadingZeros?: boolean;
                            /** @default true */
                            ignorePunctuation?: boolean;
                        }[];
                        /** @default false */
                        monthly?: boolean;
                        name: string;
                        sideA: {
                            /** @default file */
                            label?: string;
                            profile?: {
                                /** @default {} */
                                columns?: {
                                    [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                                };
                                /**
                                 * @default [
                                 *       "yyyy-mm-dd"
                                 *     ]
                                 */
                                dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                                /**
                                 * @default .
                                 * @enum {string}
                                 */
                                decimalSeparator?: "." | ",";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                encoding?: "auto" | "utf-8" | "windows-1252";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                format?: "auto" | "csv" | "xlsx";
                                /** @default 1 */
                                headerRow?: number;
                                /** @default canonical */
                                name?: string;
                                sheet?: string | number;
                                /** @default false */
                                splitNamePrefix?: boolean;
                                /**
                                 * @default
                                 * @enum {string}
                                 */
                                thousandsSeparator?: "" | "." | "," | " ";
                                /** @default {} */
                                valueMaps?: {
                                    [key: string]: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            /** @enum {string} */
                            source: "file";
                        } | {
                            /** @default Mutaflow */
                            label?: string;
                            /** @enum {string} */
                            source: "payroll";
                        };
                        sideB: {
                            /** @default file */
                            label?: string;
                            profile?: {
                                /** @default {} */
                                columns?: {
                                    [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                                };
                                /**
                                 * @default [
                                 *       "yyyy-mm-dd"
                                 *     ]
                                 */
                                dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                                /**
                                 * @default .
                                 * @enum {string}
                                 */
                                decimalSeparator?: "." | ",";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                encoding?: "auto" | "utf-8" | "windows-1252";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                format?: "auto" | "csv" | "xlsx";
                                /** @default 1 */
                                headerRow?: number;
                                /** @default canonical */
                                name?: string;
                                sheet?: string | number;
                                /** @default false */
                                splitNamePrefix?: boolean;
                                /**
                                 * @default
                                 * @enum {string}
                                 */
                                thousandsSeparator?: "" | "." | "," | " ";
                                /** @default {} */
                                valueMaps?: {
                                    [key: string]: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            /** @enum {string} */
                            source: "file";
                        };
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
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparison-definitions/{id}/periods/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A monthly comparison's period: its files, the sides still missing, its runs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    period: string;
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
                            /** Format: uuid */
                            definitionId: string;
                            files: {
                                name: string;
                                sha256: string;
                                /** @enum {string} */
                                side: "a" | "b";
                                size: number;
                                uploadedAt: string;
                                uploadedBy: string;
                            }[];
                            missing: ("a" | "b")[];
                            monthly: boolean;
                            period: string;
                            runs: {
                                completedAt: string | null;
                                counts: {
                                    [key: string]: number;
                                };
                                /** Format: uuid */
                                cycleId: string | null;
                                /** Format: uuid */
                                definitionId: string;
                                definitionVersion: number;
                                /** Format: uuid */
                                employerId: string;
                                errorCount: number;
                                errors: {
                                    code: string;
                                    column?: string;
                                    field?: string;
                                    file: string;
                                    message: string;
                                    row?: number;
                                }[];
                                /** Format: uuid */
                                id: string;
                                period: string | null;
                                progress: {
                                    rows: number;
                                    stage: string;
                                } | null;
                                /** @description when the result lines (personal values) went at the end of the controls' retention term: results and report then answer 410 */
                                resultsPurgedAt: string | null;
                                sideA: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    /** Format: uuid */
                                    importId: string | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file" | "payroll";
                                };
                                sideB: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file";
                                };
                                stage: string;
                                startedAt: string;
                                startedBy: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "failed";
                                workflowId: string;
                            }[];
                        };
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
    "/api/comparison-definitions/{id}/periods/{period}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload a monthly comparison's file for a period (side B by default; `?side=a` when side A is a file too)
         * @description multipart/form-data with the field `file`; kept sealed in the file store. A new upload replaces the period's file of that side. The running monthly cycle of the period is told at once: with every file there, it runs the comparison.
         */
        put: {
            parameters: {
                query?: {
                    side?: "a" | "b";
                };
                header?: never;
                path: {
                    id: string;
                    period: string;
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
                            /** Format: uuid */
                            definitionId: string;
                            files: {
                                name: string;
                                sha256: string;
                                /** @enum {string} */
                                side: "a" | "b";
                                size: number;
                                uploadedAt: string;
                                uploadedBy: string;
                            }[];
                            missing: ("a" | "b")[];
                            monthly: boolean;
                            period: string;
                            runs: {
                                completedAt: string | null;
                                counts: {
                                    [key: string]: number;
                                };
                                /** Format: uuid */
                                cycleId: string | null;
                                /** Format: uuid */
                                definitionId: string;
                                definitionVersion: number;
                                /** Format: uuid */
                                employerId: string;
                                errorCount: number;
                                errors: {
                                    code: string;
                                    column?: string;
                                    field?: string;
                                    file: string;
                                    message: string;
                                    row?: number;
                                }[];
                                /** Format: uuid */
                                id: string;
                                period: string | null;
                                progress: {
                                    rows: number;
                                    stage: string;
                                } | null;
                                /** @description when the result lines (personal values) went at the end of the controls' retention term: results and report then answer 410 */
                                resultsPurgedAt: string | null;
                                sideA: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    /** Format: uuid */
                                    importId: string | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file" | "payroll";
                                };
                                sideB: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file";
                                };
                                stage: string;
                                startedAt: string;
                                startedBy: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "failed";
                                workflowId: string;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/comparison-definitions/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The runs of a comparison, newest first */
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
                            items: {
                                completedAt: string | null;
                                counts: {
                                    [key: string]: number;
                                };
                                /** Format: uuid */
                                cycleId: string | null;
                                /** Format: uuid */
                                definitionId: string;
                                definitionVersion: number;
                                /** Format: uuid */
                                employerId: string;
                                errorCount: number;
                                errors: {
                                    code: string;
                                    column?: string;
                                    field?: string;
                                    file: string;
                                    message: string;
                                    row?: number;
                                }[];
                                /** Format: uuid */
                                id: string;
                                period: string | null;
                                progress: {
                                    rows: number;
                                    stage: string;
                                } | null;
                                /** @description when the result lines (personal values) went at the end of the controls' retention term: results and report then answer 410 */
                                resultsPurgedAt: string | null;
                                sideA: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    /** Format: uuid */
                                    importId: string | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file" | "payroll";
                                };
                                sideB: {
                                    file: {
                                        name: string;
                                        sha256: string;
                                        size: number;
                                    } | null;
                                    label: string;
                                    /** @enum {string} */
                                    source: "file";
                                };
                                stage: string;
                                startedAt: string;
                                startedBy: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "failed";
                                workflowId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Compare: upload side A's file (`fileA`, unless side A is the payroll photo) and side B's (`fileB`)
         * @description multipart/form-data. Answers 202 at once; with `?wait=true`, 201 with the run when done, or 422 with the errors of a file that does not map (file, row, column; nothing stored). The same files again answer 409 with the earlier run, unless `?replace=true` (the earlier run stays).
         */
        post: {
            parameters: {
                query?: {
                    replace?: "true" | "false";
                    wait?: "true" | "false";
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
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            completedAt: string | null;
                            counts: {
                                [key: string]: number;
                            };
                            /** Format: uuid */
                            cycleId: string | null;
                            /** Format: uuid */
                            definitionId: string;
                            definitionVersion: number;
                            /** Format: uuid */
                            employerId: string;
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                field?: string;
                                file: string;
                                message: string;
                                row?: number;
                            }[];
                            /** Format: uuid */
                            id: string;
                            period: string | null;
                            progress: {
                                rows: number;
                                stage: string;
                            } | null;
                            /** @description when the result lines (personal values) went at the end of the controls' retention term: results and report then answer 410 */
                            resultsPurgedAt: string | null;
                            sideA: {
                                file: {
                                    name: string;
                                    sha256: string;
                                    size: number;
                                } | null;
                                /** Format: uuid */
                                importId: string | null;
                                label: string;
                                /** @enum {string} */
                                source: "file" | "payroll";
                            };
                            sideB: {
                                file: {
                                    name: string;
                                    sha256: string;
                                    size: number;
                                } | null;
                                label: string;
                                /** @enum {string} */
                                source: "file";
                            };
                            stage: string;
                            startedAt: string;
                            startedBy: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            runId: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            workflowId: string;
                        };
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
    "/api/comparison-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, live progress, counts per kind, and a refused file's errors */
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
                            completedAt: string | null;
                            counts: {
                                [key: string]: number;
                            };
                            /** Format: uuid */
                            cycleId: string | null;
                            /** Format: uuid */
                            definitionId: string;
                            definitionVersion: number;
                            /** Format: uuid */
                            employerId: string;
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                field?: string;
                                file: string;
                                message: string;
                                row?: number;
                            }[];
                            /** Format: uuid */
                            id: string;
                            period: string | null;
                            progress: {
                                rows: number;
                                stage: string;
                            } | null;
                            /** @description when the result lines (personal values) went at the end of the controls' retention term: results and report then answer 410 */
                            resultsPurgedAt: string | null;
                            sideA: {
                                file: {
                                    name: string;
                                    sha256: string;
                                    size: number;
                                } | null;
                                /** Format: uuid */
                                importId: string | null;
                                label: string;
                                /** @enum {string} */
                                source: "file" | "payroll";
                            };
                            sideB: {
                                file: {
                                    name: string;
                                    sha256: string;
                                    size: number;
                                } | null;
                                label: string;
                                /** @enum {string} */
                                source: "file";
                            };
                            stage: string;
                            startedAt: string;
                            startedBy: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            workflowId: string;
                        };
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
    "/api/comparison-runs/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run as an XLSX workbook: a summary sheet and a sheet per kind (NL/FR/EN) */
        get: {
            parameters: {
                query?: {
                    lang?: "nl" | "fr" | "en";
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
    "/api/comparison-runs/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The result lines of a run, in pages (values included: persons.view) */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    kind?: "only_in_a" | "only_in_b" | "duplicate_key" | "unparseable" | "difference";
                    limit?: number;
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
                                aRow: number | null;
                                aValue: string | null;
                                bRow: number | null;
                                bValue: string | null;
                                column: string | null;
                                field: string | null;
                                firstRow: number | null;
                                id: string;
                                key: string | null;
                                /** @enum {string} */
                                kind: "only_in_a" | "only_in_b" | "duplicate_key" | "unparseable" | "difference";
                                /** @enum {string|null} */
                                reason: "empty_key" | "not_a_number" | "not_a_date" | null;
                                /** @enum {string|null} */
                                side: "a" | "b" | null;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/contribution-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A contribution file: its findings (persons that could not be computed) and, for a new version, its differences */
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
                            contentType: string;
                            createdAt: string;
                            createdBy: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            deliveredAt: string | null;
                            differences: {
                                employeeNumber: string;
                                month: string;
                                newCents: number | null;
                                oldCents: number | null;
                                payCode: string;
                                reason: string;
                            }[] | null;
                            downloadUrl: string;
                            employeeTotalCents: number;
                            /** Format: uuid */
                            employerId: string;
                            fileName: string;
                            findingCount: number;
                            findings: {
                                employeeNumber: string;
                                field: string;
                                months: string[];
                                personId: string;
                                planId: string;
                            }[];
                            /** Format: uuid */
                            id: string;
                            lineCount: number;
                            period: string;
                            purged: boolean;
                            /** Format: uuid */
                            replacesId: string | null;
                            sha256: string;
                            size: number;
                            status: string;
                            transport: string | null;
                            version: number;
                        };
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
    "/api/contribution-files/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The contribution file exactly as produced (the download channel) */
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
    "/api/cycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cycles, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    limit?: number;
                    period?: string;
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
                                closedAt: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                importId: string | null;
                                period: string;
                                /** @description live, from the running workflow */
                                progress: {
                                    counts: {
                                        [key: string]: number;
                                    };
                                    importId: string | null;
                                    openTasks: number;
                                    stage: string;
                                    waitingFor: string | null;
                                } | null;
                                stage: string;
                                startedBy: string;
                                status: string;
                                summary: {
                                    [key: string]: unknown;
                                };
                                workflowId: string;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/cycles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A cycle with its live progress */
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
                            closedAt: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            importId: string | null;
                            period: string;
                            /** @description live, from the running workflow */
                            progress: {
                                counts: {
                                    [key: string]: number;
                                };
                                importId: string | null;
                                openTasks: number;
                                stage: string;
                                waitingFor: string | null;
                            } | null;
                            stage: string;
                            startedBy: string;
                            status: string;
                            summary: {
                                [key: string]: unknown;
                            };
                            workflowId: string;
                        };
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
    "/api/cycles/{id}/waiting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the cycle waits for, per supplier: its open tasks (kind, on whom, since when, escalated) and the employer's messages still waiting (status, on whom, since when) */
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
                            items: {
                                assignee: string | null;
                                code: string;
                                count: number;
                                escalated: number;
                                escalatedSince: string | null;
                                since: string;
                                /** Format: uuid */
                                supplierId: string | null;
                                /** @description a task's assignee, or employer | supplier | send_date | transport for a message */
                                waitsOn: string;
                                /** @enum {string} */
                                what: "task" | "message";
                            }[];
                        };
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
    "/api/employers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employers you may see, by name; `name` and `companyNumber` find one again */
        get: {
            parameters: {
                query?: {
                    companyNumber?: string;
                    name?: string;
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
                                companyNumber: string | null;
                                /** @enum {string} */
                                country: "NL" | "BE";
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "nl" | "fr" | "en";
                                mappingProfile: {
                                    [key: string]: unknown;
                                };
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an employer */
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
                        companyNumber?: string;
                        /** @enum {string} */
                        country: "NL" | "BE";
                        /** @enum {string} */
                        language?: "nl" | "fr" | "en";
                        mappingProfile?: {
                            /** @enum {string} */
                            preset: "canonical" | "nl-payroll-csv" | "be-payroll-xlsx";
                        } | {
                            /** @default {} */
                            columns?: {
                                [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                            };
                            /**
                             * @default [
                             *       "yyyy-mm-dd"
                             *     ]
                             */
                            dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                            /**
                             * @default .
                             * @enum {string}
                             */
                            decimalSeparator?: "." | ",";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            delimiter?: "auto" | "," | ";" | "\t" | "|";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            encoding?: "auto" | "utf-8" | "windows-1252";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            format?: "auto" | "csv" | "xlsx";
                            /** @default 1 */
                            headerRow?: number;
                            /** @default canonical */
                            name?: string;
                            sheet?: string | number;
                            /** @default false */
                            splitNamePrefix?: boolean;
                            /**
                             * @default
                             * @enum {string}
                             */
                            thousandsSeparator?: "" | "." | "," | " ";
                            /** @default {} */
                            valueMaps?: {
                                [key: string]: {
                                    [key: string]: string;
                                };
                            };
                        };
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
                        "application/json": {
                            companyNumber: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            mappingProfile: {
                                [key: string]: unknown;
                            };
                            name: string;
                        };
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
    "/api/employers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An employer with its mapping profile */
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
                            companyNumber: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            mappingProfile: {
                                [key: string]: unknown;
                            };
                            name: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename an employer or set its language (statements) */
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
                        /** @enum {string} */
                        language?: "nl" | "fr" | "en";
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
                        "application/json": {
                            companyNumber: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            mappingProfile: {
                                [key: string]: unknown;
                            };
                            name: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/employers/{id}/accident-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is told about the employer's accident cases, and the follow-up terms */
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
                            /** @description who receives reminders and escalations (reference and link only, no personal data) */
                            notifyEmails: string[];
                            /** @description the allowance for a month is expected by this day of the next month */
                            paymentDueDay: number;
                            sickNoteRemindDays: number;
                        };
                    };
                };
            };
        };
        /** Set who is told about accident cases, and the follow-up terms */
        put: {
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
                        /** @description who receives reminders and escalations (reference and link only, no personal data) */
                        notifyEmails: string[];
                        /** @description the allowance for a month is expected by this day of the next month */
                        paymentDueDay: number;
                        sickNoteRemindDays: number;
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
                            /** @description who receives reminders and escalations (reference and link only, no personal data) */
                            notifyEmails: string[];
                            /** @description the allowance for a month is expected by this day of the next month */
                            paymentDueDay: number;
                            sickNoteRemindDays: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/audit-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An employer's audit rules */
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
                            items: {
                                definition: unknown;
                                /** @description what the rule checks, in words */
                                description: {
                                    en: string;
                                    fr: string;
                                    nl: string;
                                };
                                /** Format: uuid */
                                employerId: string;
                                enabled: boolean;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "presence" | "validity" | "change";
                                name: string;
                                population: unknown;
                                /** @enum {string} */
                                severity: "info" | "warning" | "blocking";
                                templateId: string | null;
                                updatedAt: string;
                                updatedBy: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a rule: written out, or { templateId } (with name, severity or enabled to change) */
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
                        definition?: {
                            fields: string[];
                            /** @enum {string} */
                            kind: "presence";
                        } | {
                            check: {
                                field: string;
                                max?: number;
                                min?: number;
                                /** @enum {string} */
                                op: "range";
                            } | {
                                /** @default hireDate */
                                at?: string;
                                max: number;
                                min: number;
                                /** @enum {string} */
                                op: "age";
                            } | {
                                earlier: string;
                                later: string;
                                /** @enum {string} */
                                op: "dateOrder";
                            } | {
                                /** @default nationalId */
                                field?: string;
                                /** @enum {string} */
                                op: "identifier";
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "oneOf";
                                values: string[];
                            };
                            /** @enum {string} */
                            kind: "validity";
                        } | {
                            check: {
                                field: string;
                                /** @enum {string} */
                                op: "increaseAbove";
                                percent: number;
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "decrease";
                            } | {
                                field: string;
                                /** @enum {string} */
                                op: "changed";
                            };
                            /** @enum {string} */
                            kind: "change";
                        };
                        enabled?: boolean;
                        name?: string;
                        /** @description who the rule applies to (domain/eligibility); absent: everyone */
                        population?: components["schemas"]["EligibilityFilterInput"] | null;
                        /** @enum {string} */
                        severity?: "info" | "warning" | "blocking";
                        templateId?: string;
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
                            definition: unknown;
                            /** @description what the rule checks, in words */
                            description: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            /** Format: uuid */
                            employerId: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "presence" | "validity" | "change";
                            name: string;
                            population: unknown;
                            /** @enum {string} */
                            severity: "info" | "warning" | "blocking";
                            templateId: string | null;
                            updatedAt: string;
                            updatedBy: string;
                            version: number;
                        };
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
    "/api/employers/{id}/benefit-eligibility-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who newly qualifies for a benefit and who no longer does, and why (a period, or the lines of a review task) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    period?: string;
                    taskId?: string;
                    typeId?: string;
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
                                /** @enum {string} */
                                change: "newly_eligible" | "no_longer_eligible";
                                employeeNumber: string;
                                /** Format: uuid */
                                id: string;
                                onDate: string;
                                period: string;
                                /** Format: uuid */
                                personId: string;
                                reasons: ("hire" | "departure" | "age" | "seniority" | "category" | "salary_class" | "work_time" | "country" | "custom_field" | "data_change" | "rule_change" | "first_review")[];
                                source: string;
                                /** Format: uuid */
                                taskId: string | null;
                                /** Format: uuid */
                                typeId: string;
                                typeName: string;
                            }[];
                        };
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
    "/api/employers/{id}/benefit-eligibility-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Review eligibility now, on the last day of a period (e.g. after changing a rule); the cycle and each import do it by themselves */
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
                        period: string;
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
                            changes: number;
                            taskIds: string[];
                        };
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
    "/api/employers/{id}/benefit-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the monthly overview of eligibility changes is e-mailed */
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
                            /** Format: uuid */
                            employerId: string;
                            reportEmail: string | null;
                        };
                    };
                };
            };
        };
        /** Set (or clear, with null) the address of the monthly overview of eligibility changes */
        put: {
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
                        /** Format: email */
                        reportEmail: string | null;
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
                            /** Format: uuid */
                            employerId: string;
                            reportEmail: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/benefit-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An employer's internal benefit types */
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
                            items: {
                                active: boolean;
                                calculation: unknown;
                                eligibility: unknown;
                                /** @description who qualifies, in words */
                                eligibilityDescription: {
                                    en: string;
                                    fr: string;
                                    nl: string;
                                };
                                eligibilityVersion: number;
                                /** Format: uuid */
                                employerId: string;
                                fields: unknown[];
                                /** Format: uuid */
                                id: string;
                                name: string;
                                updatedAt: string;
                                updatedBy: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Define an internal benefit type with its fields */
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
                        /** @default true */
                        active?: boolean;
                        calculation?: {
                            budgetField: string;
                            /** @enum {string} */
                            kind: "yearly_budget";
                            spentField: string;
                        } | null;
                        eligibility?: components["schemas"]["EligibilityFilterInput"] | null;
                        fields: {
                            key: string;
                            label: string;
                            options?: string[];
                            /** @default false */
                            required?: boolean;
                            /** @enum {string} */
                            type: "text" | "number" | "money" | "date" | "choice" | "yes_no";
                        }[];
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
                        "application/json": {
                            active: boolean;
                            calculation: unknown;
                            eligibility: unknown;
                            /** @description who qualifies, in words */
                            eligibilityDescription: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            eligibilityVersion: number;
                            /** Format: uuid */
                            employerId: string;
                            fields: unknown[];
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            updatedBy: string;
                        };
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
    "/api/employers/{id}/comparison-definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's saved comparisons */
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
                            items: {
                                createdAt: string;
                                createdBy: string;
                                definition: {
                                    [key: string]: unknown;
                                };
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                updatedAt: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Save a comparison of two systems' files
         * @description Side A (a file read with a mapping profile, or `{"source":"payroll"}` for Mutaflow's current payroll photo), side B (a file), the key (one or more fields, normalised) and field pairs with a tolerance each. A profile may be `{"preset": "nl-payroll-csv"}`.
         */
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
                        /** @default [] */
                        fields?: ({
                            a: string;
                            /** @default 0 */
                            absolute?: number;
                            b: string;
                            name?: string;
                            /** @default 0 */
                            percent?: number;
                            /** @enum {string} */
                            type: "amount";
                        } | {
                            a: string;
                            b: string;
                            /** @default 0 */
                            days?: number;
                            name?: string;
                            /** @enum {string} */
                            type: "date";
                        } | {
                            a: string;
                            b: string;
                            /** @default true */
                            ignoreAccents?: boolean;
                            /** @default true */
                            ignoreCase?: boolean;
                            /** @default true */
                            ignoreSpaces?: boolean;
                            name?: string;
                            /** @enum {string} */
                            type: "text";
                        } | {
                            a: string;
                            b: string;
                            name?: string;
                            /** @enum {string} */
                            type: "exact";
                        })[];
                        key: {
                            a: string;
                            b: string;
                            /** @default true */
                            ignoreCase?: boolean;
                            /** @default true */
                            ignoreLeadingZeros?: boolean;
                            /** @default true */
                            ignorePunctuation?: boolean;
                        }[];
                        /** @default false */
                        monthly?: boolean;
                        name: string;
                        sideA: {
                            /** @default file */
                            label?: string;
                            profile?: {
                                /** @default {} */
                                columns?: {
                                    [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                                };
                                /**
                                 * @default [
                                 *       "yyyy-mm-dd"
                                 *     ]
                                 */
                                dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                                /**
                                 * @default .
                                 * @enum {string}
                                 */
                                decimalSeparator?: "." | ",";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                encoding?: "auto" | "utf-8" | "windows-1252";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                format?: "auto" | "csv" | "xlsx";
                                /** @default 1 */
                                headerRow?: number;
                                /** @default canonical */
                                name?: string;
                                sheet?: string | number;
                                /** @default false */
                                splitNamePrefix?: boolean;
                                /**
                                 * @default
                                 * @enum {string}
                                 */
                                thousandsSeparator?: "" | "." | "," | " ";
                                /** @default {} */
                                valueMaps?: {
                                    [key: string]: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            /** @enum {string} */
                            source: "file";
                        } | {
                            /** @default Mutaflow */
                            label?: string;
                            /** @enum {string} */
                            source: "payroll";
                        };
                        sideB: {
                            /** @default file */
                            label?: string;
                            profile?: {
                                /** @default {} */
                                columns?: {
                                    [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                                };
                                /**
                                 * @default [
                                 *       "yyyy-mm-dd"
                                 *     ]
                                 */
                                dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                                /**
                                 * @default .
                                 * @enum {string}
                                 */
                                decimalSeparator?: "." | ",";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                delimiter?: "auto" | "," | ";" | "\t" | "|";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                encoding?: "auto" | "utf-8" | "windows-1252";
                                /**
                                 * @default auto
                                 * @enum {string}
                                 */
                                format?: "auto" | "csv" | "xlsx";
                                /** @default 1 */
                                headerRow?: number;
                                /** @default canonical */
                                name?: string;
                                sheet?: string | number;
                                /** @default false */
                                splitNamePrefix?: boolean;
                                /**
                                 * @default
                                 * @enum {string}
                                 */
                                thousandsSeparator?: "" | "." | "," | " ";
                                /** @default {} */
                                valueMaps?: {
                                    [key: string]: {
                                        [key: string]: string;
                                    };
                                };
                            };
                            /** @enum {string} */
                            source: "file";
                        };
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
                            createdAt: string;
                            createdBy: string;
                            definition: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
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
    "/api/employers/{id}/contribution-files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's contribution files, newest period and version first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    period?: string;
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
                                contentType: string;
                                createdAt: string;
                                createdBy: string;
                                /** Format: uuid */
                                cycleId: string | null;
                                deliveredAt: string | null;
                                downloadUrl: string;
                                employeeTotalCents: number;
                                /** Format: uuid */
                                employerId: string;
                                fileName: string;
                                findingCount: number;
                                /** Format: uuid */
                                id: string;
                                lineCount: number;
                                period: string;
                                purged: boolean;
                                /** Format: uuid */
                                replacesId: string | null;
                                sha256: string;
                                size: number;
                                status: string;
                                transport: string | null;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Produce the period's contribution file now: the same file when nothing changed, else a new version with its differences */
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
                        period: string;
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
                            created: boolean;
                            file: {
                                contentType: string;
                                createdAt: string;
                                createdBy: string;
                                /** Format: uuid */
                                cycleId: string | null;
                                deliveredAt: string | null;
                                differences: {
                                    employeeNumber: string;
                                    month: string;
                                    newCents: number | null;
                                    oldCents: number | null;
                                    payCode: string;
                                    reason: string;
                                }[] | null;
                                downloadUrl: string;
                                employeeTotalCents: number;
                                /** Format: uuid */
                                employerId: string;
                                fileName: string;
                                findingCount: number;
                                findings: {
                                    employeeNumber: string;
                                    field: string;
                                    months: string[];
                                    personId: string;
                                    planId: string;
                                }[];
                                /** Format: uuid */
                                id: string;
                                lineCount: number;
                                period: string;
                                purged: boolean;
                                /** Format: uuid */
                                replacesId: string | null;
                                sha256: string;
                                size: number;
                                status: string;
                                transport: string | null;
                                version: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: boolean;
                            file: {
                                contentType: string;
                                createdAt: string;
                                createdBy: string;
                                /** Format: uuid */
                                cycleId: string | null;
                                deliveredAt: string | null;
                                differences: {
                                    employeeNumber: string;
                                    month: string;
                                    newCents: number | null;
                                    oldCents: number | null;
                                    payCode: string;
                                    reason: string;
                                }[] | null;
                                downloadUrl: string;
                                employeeTotalCents: number;
                                /** Format: uuid */
                                employerId: string;
                                fileName: string;
                                findingCount: number;
                                findings: {
                                    employeeNumber: string;
                                    field: string;
                                    months: string[];
                                    personId: string;
                                    planId: string;
                                }[];
                                /** Format: uuid */
                                id: string;
                                lineCount: number;
                                period: string;
                                purged: boolean;
                                /** Format: uuid */
                                replacesId: string | null;
                                sha256: string;
                                size: number;
                                status: string;
                                transport: string | null;
                                version: number;
                            };
                        };
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
    "/api/employers/{id}/contribution-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How the employer's payroll wants its contribution file (defaults until set) */
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
                            configured: boolean;
                            delivery: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            employerId: string;
                            firstPeriod: string | null;
                            hasDeliveryCredentials: boolean;
                            layout: {
                                [key: string]: unknown;
                            };
                            retroMonths: number;
                        };
                    };
                };
            };
        };
        /** Set the contribution file's layout, pay codes, delivery and correction window */
        put: {
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
                        /** @description sftp | email | http | download, as for reports (docs/delivery.md); no secrets here */
                        delivery?: {
                            /** @default . */
                            directory?: string;
                            host: string;
                            hostKeySha256?: string;
                            /** @default 22 */
                            port?: number;
                            /** @enum {string} */
                            transport: "sftp";
                            username: string;
                        } | {
                            cc?: string[];
                            subject?: string;
                            to: string[];
                            /** @enum {string} */
                            transport: "email";
                        } | {
                            /**
                             * @default POST
                             * @enum {string}
                             */
                            method?: "POST";
                            /** @enum {string} */
                            transport: "http";
                            /** Format: uri */
                            url: string;
                        } | {
                            /** @enum {string} */
                            transport: "download";
                        };
                        /** @description sealed at rest, never returned; null removes them */
                        deliveryCredentials?: {
                            bearerToken?: string;
                            passphrase?: string;
                            password?: string;
                            privateKey?: string;
                        } | null;
                        /** @description the first month contributions are computed for; no corrections before it (default: the first file's period) */
                        firstPeriod?: string | null;
                        /** @description csv|xlsx, columns (employeeNumber, payCode, amount, employerAmount, period, month, reason, reasonLabel, version, fixed), pay code per plan id (docs/benefits.md) */
                        layout: {
                            /**
                             * @default [
                             *       {
                             *         "header": "EmployeeNumber",
                             *         "value": "employeeNumber"
                             *       },
                             *       {
                             *         "header": "PayCode",
                             *         "value": "payCode"
                             *       },
                             *       {
                             *         "header": "Amount",
                             *         "value": "amount"
                             *       },
                             *       {
                             *         "header": "Period",
                             *         "value": "period"
                             *       },
                             *       {
                             *         "header": "ForPeriod",
                             *         "value": "month"
                             *       },
                             *       {
                             *         "header": "Reason",
                             *         "value": "reasonLabel"
                             *       }
                             *     ]
                             */
                            columns?: {
                                header: string;
                                text?: string;
                                /** @enum {string} */
                                value: "employeeNumber" | "payCode" | "amount" | "employerAmount" | "period" | "month" | "reason" | "reasonLabel" | "version" | "fixed";
                            }[];
                            /**
                             * @default ;
                             * @enum {string}
                             */
                            csvDelimiter?: ";" | "," | "\t" | "|";
                            /**
                             * @default .
                             * @enum {string}
                             */
                            decimalSeparator?: "." | ",";
                            /**
                             * @default csv
                             * @enum {string}
                             */
                            fileType?: "csv" | "xlsx";
                            /**
                             * @default nl
                             * @enum {string}
                             */
                            language?: "nl" | "fr" | "en";
                            /** @default {} */
                            payCodes?: {
                                [key: string]: string;
                            };
                            /**
                             * @default yyyy-mm
                             * @enum {string}
                             */
                            periodFormat?: "yyyy-mm" | "yyyymm" | "mm-yyyy";
                        };
                        /** @description how many months back a change is still corrected (default 12) */
                        retroMonths?: number;
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
                            configured: boolean;
                            delivery: {
                                [key: string]: unknown;
                            };
                            /** Format: uuid */
                            employerId: string;
                            firstPeriod: string | null;
                            hasDeliveryCredentials: boolean;
                            layout: {
                                [key: string]: unknown;
                            };
                            retroMonths: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/cycles/{period}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start the monthly cycle of a period now (on demand) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    period: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workflowId: string;
                        };
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
    "/api/employers/{id}/enrollments/changes-import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import enrollment changes: new enrollments and ends, with their messages
         * @description multipart/form-data with `file`: a CSV (`,` or `;`) with the columns employeeNumber, planCode or planId, startDate, endDate and optionally familyMemberId; dates as yyyy-mm-dd or dd-mm-yyyy. A row matches an existing enrollment when employee, plan (and family member) and start date match; its end date is then applied (an empty one removes nothing). All or nothing: any bad row answers 422 with every problem (row, column, code) and nothing is stored. Each new enrollment gets an enrollment message, each row that ends an open enrollment a termination message; a corrected end date re-sends what was already sent.
         */
        post: {
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
                            created: number;
                            ended: number;
                            messages: number;
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            error: "invalid_file";
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                message: string;
                                row?: number;
                            }[];
                            message: string;
                        };
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
    "/api/employers/{id}/enrollments/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Initial load of an employer's enrollments (creates no messages)
         * @description multipart/form-data with `file`: a CSV (`,` or `;`) with the columns employeeNumber, planCode or planId, startDate, endDate and optionally familyMemberId; dates as yyyy-mm-dd or dd-mm-yyyy. A row matches an existing enrollment when employee, plan (and family member) and start date match; its end date is then applied (an empty one removes nothing). All or nothing: any bad row answers 422 with every problem (row, column, code) and nothing is stored.
         */
        post: {
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
                            created: number;
                            ended: number;
                            messages: number;
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            error: "invalid_file";
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                message: string;
                                row?: number;
                            }[];
                            message: string;
                        };
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
    "/api/employers/{id}/hires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A hire, the day it happens: the person and their onboarding enrollments, without waiting for the next payroll photo
         * @description Creates the person (or reactivates a leaver) with the data given and enrolls them in the plans of the employer's onboarding profiles that fit their category, each with its enrollment message. The next payroll import shows the same hire and enrolls nothing twice; its data then replaces what was given here. The same hire reported again changes nothing (200).
         */
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
                        /** Format: date */
                        birthDate?: string | null;
                        /** @enum {string} */
                        category?: "white_collar" | "blue_collar";
                        city?: string | null;
                        country?: string | null;
                        employeeNumber: string;
                        firstName?: string | null;
                        /** @enum {string|null} */
                        gender?: "M" | "F" | "X" | null;
                        /** Format: date */
                        hireDate: string;
                        houseNumber?: string | null;
                        initials?: string | null;
                        lastName?: string | null;
                        /** @enum {string|null} */
                        maritalStatus?: "single" | "married" | "cohabiting" | "divorced" | "widowed" | null;
                        namePrefix?: string | null;
                        nationalId?: string | null;
                        nationality?: string | null;
                        partnerLastName?: string | null;
                        partnerNamePrefix?: string | null;
                        postalCode?: string | null;
                        street?: string | null;
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
                            /** @description the enrollment messages of the onboarding enrollments made now */
                            messages: {
                                /** Format: uuid */
                                enrollmentId: string | null;
                                /** Format: uuid */
                                id: string;
                                sendDate: string;
                                status: string;
                            }[];
                            person: {
                                data: {
                                    [key: string]: unknown;
                                };
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                status: string;
                                updatedAt: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the enrollment messages of the onboarding enrollments made now */
                            messages: {
                                /** Format: uuid */
                                enrollmentId: string | null;
                                /** Format: uuid */
                                id: string;
                                sendDate: string;
                                status: string;
                            }[];
                            person: {
                                data: {
                                    [key: string]: unknown;
                                };
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                status: string;
                                updatedAt: string;
                            };
                        };
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
    "/api/employers/{id}/mapping-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how this employer's payroll export maps onto the canonical format
         * @description A full profile, or { "preset": name } with one of: canonical, nl-payroll-csv, be-payroll-xlsx.
         */
        put: {
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
                        /** @enum {string} */
                        preset: "canonical" | "nl-payroll-csv" | "be-payroll-xlsx";
                    } | {
                        /** @default {} */
                        columns?: {
                            [key: string]: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                        };
                        /**
                         * @default [
                         *       "yyyy-mm-dd"
                         *     ]
                         */
                        dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                        /**
                         * @default .
                         * @enum {string}
                         */
                        decimalSeparator?: "." | ",";
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        delimiter?: "auto" | "," | ";" | "\t" | "|";
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        encoding?: "auto" | "utf-8" | "windows-1252";
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        format?: "auto" | "csv" | "xlsx";
                        /** @default 1 */
                        headerRow?: number;
                        /** @default canonical */
                        name?: string;
                        sheet?: string | number;
                        /** @default false */
                        splitNamePrefix?: boolean;
                        /**
                         * @default
                         * @enum {string}
                         */
                        thousandsSeparator?: "" | "." | "," | " ";
                        /** @default {} */
                        valueMaps?: {
                            [key: string]: {
                                [key: string]: string;
                            };
                        };
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
                            companyNumber: string | null;
                            /** @enum {string} */
                            country: "NL" | "BE";
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            mappingProfile: {
                                [key: string]: unknown;
                            };
                            name: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/mapping-profile/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a mapping profile on a sample file: its first rows mapped onto the canonical fields, with the errors an import would give
         * @description multipart/form-data with `file` (CSV or XLSX) and optionally `profile` (JSON: a full profile or { "preset": name }; absent: the employer's saved profile). Read with the import's own readers, mapping and checks; nothing is stored.
         */
        post: {
            parameters: {
                query?: {
                    /** @description how many rows of the sample to map */
                    rows?: number;
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
                            columns: {
                                /** @enum {string|null} */
                                field: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate" | null;
                                header: string;
                            }[];
                            fileErrors: {
                                code: string;
                                column?: string;
                                field?: string;
                                file: string;
                                message: string;
                                row?: number;
                            }[];
                            /** @enum {string|null} */
                            format: "csv" | "xlsx" | null;
                            /** @description required fields no column of the file maps to */
                            missingRequired: ("employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate")[];
                            profile: {
                                [key: string]: unknown;
                            };
                            rows: {
                                custom: {
                                    [key: string]: string | null;
                                } | null;
                                errors: {
                                    code: string;
                                    column?: string;
                                    field?: string;
                                    file: string;
                                    message: string;
                                    row?: number;
                                }[];
                                row: number;
                                values: {
                                    [key: string]: string | null;
                                } | null;
                            }[];
                        };
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
    "/api/employers/{id}/onboarding-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's onboarding profiles */
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
                            items: {
                                /** @enum {string|null} */
                                category: "white_collar" | "blue_collar" | null;
                                createdAt: string;
                                eligibility: unknown;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                plans: {
                                    /** Format: uuid */
                                    planId: string;
                                    startDate: string | null;
                                    startOffsetDays: number;
                                }[];
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an onboarding profile: plans a new hire is enrolled in */
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
                        /** @enum {string} */
                        category?: "white_collar" | "blue_collar";
                        eligibility?: components["schemas"]["EligibilityFilterInput"];
                        name: string;
                        plans: {
                            /** Format: uuid */
                            planId: string;
                            /** Format: date */
                            startDate?: string;
                            /** @default 0 */
                            startOffsetDays?: number;
                        }[];
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
                            /** @enum {string|null} */
                            category: "white_collar" | "blue_collar" | null;
                            createdAt: string;
                            eligibility: unknown;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            plans: {
                                /** Format: uuid */
                                planId: string;
                                startDate: string | null;
                                startOffsetDays: number;
                            }[];
                            updatedAt: string | null;
                        };
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
    "/api/employers/{id}/onboarding-profiles/{profileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace an onboarding profile (hires from now on; enrollments made before stay) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category?: "white_collar" | "blue_collar";
                        eligibility?: components["schemas"]["EligibilityFilterInput"];
                        name: string;
                        plans: {
                            /** Format: uuid */
                            planId: string;
                            /** Format: date */
                            startDate?: string;
                            /** @default 0 */
                            startOffsetDays?: number;
                        }[];
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
                            /** @enum {string|null} */
                            category: "white_collar" | "blue_collar" | null;
                            createdAt: string;
                            eligibility: unknown;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            plans: {
                                /** Format: uuid */
                                planId: string;
                                startDate: string | null;
                                startOffsetDays: number;
                            }[];
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete an onboarding profile (enrollments it made stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    profileId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/payroll-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's imports, newest first, in pages */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
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
                                /** Format: uuid */
                                baselineImportId: string | null;
                                changeCounts: {
                                    [key: string]: number;
                                };
                                completedAt: string | null;
                                /** Format: uuid */
                                employerId: string;
                                errorCount: number;
                                errors: {
                                    code: string;
                                    column?: string;
                                    field?: string;
                                    file: string;
                                    message: string;
                                    row?: number;
                                }[];
                                file: {
                                    name: string;
                                    /** @description removed at the end of its retention term: no download */
                                    purged: boolean;
                                    sha256: string;
                                    size: number;
                                };
                                /** Format: uuid */
                                id: string;
                                period: string;
                                progress: {
                                    rows: number;
                                    stage: string;
                                } | null;
                                rowCount: number | null;
                                stage: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "failed" | "superseded";
                                /** Format: uuid */
                                supersededBy: string | null;
                                uploadedAt: string;
                                uploadedBy: string;
                                workflowId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload a payroll snapshot (CSV or XLSX) for a period
         * @description multipart/form-data with `file` and `period` (YYYY-MM). Answers 202 at once; with `?wait=true` it answers when the import is done: 201 with the import, or 422 with the file's errors (row, column, kind).
         */
        post: {
            parameters: {
                query?: {
                    wait?: "true" | "false";
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
                            duplicate: boolean;
                            /** Format: uuid */
                            importId: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed" | "superseded";
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            baselineImportId: string | null;
                            changeCounts: {
                                [key: string]: number;
                            };
                            completedAt: string | null;
                            /** Format: uuid */
                            employerId: string;
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                field?: string;
                                file: string;
                                message: string;
                                row?: number;
                            }[];
                            file: {
                                name: string;
                                /** @description removed at the end of its retention term: no download */
                                purged: boolean;
                                sha256: string;
                                size: number;
                            };
                            /** Format: uuid */
                            id: string;
                            period: string;
                            progress: {
                                rows: number;
                                stage: string;
                            } | null;
                            rowCount: number | null;
                            stage: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed" | "superseded";
                            /** Format: uuid */
                            supersededBy: string | null;
                            uploadedAt: string;
                            uploadedBy: string;
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            /** Format: uuid */
                            importId: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed" | "superseded";
                            workflowId: string;
                        };
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
    "/api/employers/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When the employer's monthly cycle starts */
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
                            dayOfMonth: number;
                            /** Format: uuid */
                            employerId: string;
                            enabled: boolean;
                            escalateAfterDays: number;
                            escalationEmail: string | null;
                            hour: number;
                            remindAfterDays: number;
                            remindWorkingDays: number;
                            scheduleId: string;
                            taskDueDays: number;
                            /** @enum {string} */
                            timezone: "Europe/Amsterdam";
                        };
                    };
                };
            };
        };
        /** Set when the monthly cycle starts (a Temporal Schedule; catches up after downtime) */
        put: {
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
                        /** @description day of the month the cycle starts (1–28) */
                        dayOfMonth: number;
                        /** @default true */
                        enabled?: boolean;
                        /** @default 5 */
                        escalateAfterDays?: number;
                        /**
                         * Format: email
                         * @description the employer's escalation contact: e-mailed when a cycle task is overdue (reminders go to the task's assignee)
                         * @default null
                         */
                        escalationEmail?: string | null;
                        /** @default 6 */
                        hour?: number;
                        /**
                         * @description days without the payroll import before a reminder
                         * @default 2
                         */
                        remindAfterDays?: number;
                        /**
                         * @description tasks are reminded this many working days before they are due
                         * @default 3
                         */
                        remindWorkingDays?: number;
                        /**
                         * @description tasks are due this many days after the cycle creates them
                         * @default 7
                         */
                        taskDueDays?: number;
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
                            dayOfMonth: number;
                            /** Format: uuid */
                            employerId: string;
                            enabled: boolean;
                            escalateAfterDays: number;
                            escalationEmail: string | null;
                            hour: number;
                            remindAfterDays: number;
                            remindWorkingDays: number;
                            scheduleId: string;
                            taskDueDays: number;
                            /** @enum {string} */
                            timezone: "Europe/Amsterdam";
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/statement-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's statement batches, newest first */
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
                            items: {
                                completedAt: string | null;
                                createdAt: string;
                                deliveredAt: string | null;
                                /** @enum {string} */
                                delivery: "download" | "email";
                                doneCount: number;
                                /** Format: uuid */
                                employerId: string;
                                error: string | null;
                                fileName: string | null;
                                fileSize: number | null;
                                /** Format: uuid */
                                id: string;
                                issuedOn: string;
                                personCount: number;
                                purged: boolean;
                                stage: string;
                                /** @enum {string} */
                                status: "running" | "completed" | "failed";
                                workflowId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Statements of all the employer's persons in service, as one ZIP of PDFs (a workflow with progress)
         * @description Each statement in the person's language, else the employer's. Delivery `download`: GET …/download once completed; `email`: the ZIP is e-mailed to `emailTo` over the configured mail server.
         */
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
                        /**
                         * @default download
                         * @enum {string}
                         */
                        delivery?: "download" | "email";
                        /**
                         * Format: email
                         * @description required for delivery email: where the ZIP goes (HR's address)
                         */
                        emailTo?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            completedAt: string | null;
                            createdAt: string;
                            deliveredAt: string | null;
                            /** @enum {string} */
                            delivery: "download" | "email";
                            doneCount: number;
                            /** Format: uuid */
                            employerId: string;
                            error: string | null;
                            fileName: string | null;
                            fileSize: number | null;
                            /** Format: uuid */
                            id: string;
                            issuedOn: string;
                            personCount: number;
                            purged: boolean;
                            stage: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            workflowId: string;
                        };
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
    "/api/employers/{id}/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The employer's suppliers, with what blocks sending */
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
                            items: {
                                blockers: string[];
                                canSend: boolean;
                                collectiveNumber: string;
                                confirmKinds: string[] | null;
                                createdAt: string;
                                deliverFrom: string;
                                effectiveConfirmKinds: string[];
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                startDate: string;
                                /** Format: uuid */
                                supplierId: string;
                                supplierName: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Link a supplier to an employer (collective number, start, deliver from)
         * @description 409 when the employer is already linked to the supplier. The answer says whether messages can leave (`canSend`) and what blocks them.
         */
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
                        collectiveNumber: string;
                        /** @description change kinds this employer confirms before the supplier hears of them (message or report); null or absent: the supplier's report settings */
                        confirmKinds?: ("enrollment" | "termination" | "change")[] | null;
                        /** Format: date */
                        deliverFrom?: string;
                        /** Format: date */
                        startDate: string;
                        /** Format: uuid */
                        supplierId: string;
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
                            blockers: string[];
                            canSend: boolean;
                            collectiveNumber: string;
                            confirmKinds: string[] | null;
                            createdAt: string;
                            deliverFrom: string;
                            effectiveConfirmKinds: string[];
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            startDate: string;
                            /** Format: uuid */
                            supplierId: string;
                            supplierName: string;
                        };
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
    "/api/employers/{id}/suppliers/{supplierId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change a link's collective number, start date, deliver-from date or confirmation kinds
         * @description Unsent messages of the pair are re-assessed (a later deliver-from moves their send date).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    supplierId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        collectiveNumber?: string;
                        /** @description this employer's own confirmation kinds for the supplier; null: back to the supplier's setting */
                        confirmKinds?: ("enrollment" | "termination" | "change")[] | null;
                        /** Format: date */
                        deliverFrom?: string;
                        /** Format: date */
                        startDate?: string;
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
                            blockers: string[];
                            canSend: boolean;
                            collectiveNumber: string;
                            confirmKinds: string[] | null;
                            createdAt: string;
                            deliverFrom: string;
                            effectiveConfirmKinds: string[];
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            startDate: string;
                            /** Format: uuid */
                            supplierId: string;
                            supplierName: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/employers/{id}/suppliers/{supplierId}/bordereaux": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reconciled bordereaux of an employer with a supplier, newest period first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    supplierId: string;
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
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                period: string;
                                /** @enum {string} */
                                status: "current" | "replaced";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Upload and reconcile a premium bordereau for a period
         * @description multipart/form-data with `file` (CSV or XLSX). All or nothing: a file that does not map answers 422 naming row, column and problem, and nothing is stored. A period that already has a bordereau answers 409 unless `replace=true` (the earlier run is kept as replaced); the very file of another period's bordereau answers 409 `bordereau_of_other_period`.
         */
        post: {
            parameters: {
                query: {
                    period: string;
                    replace?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                    supplierId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            correctionWindowDays: number;
                            createdAt: string;
                            /** @description a purged run: how many differences it had */
                            differenceCount?: number;
                            differences: {
                                billed?: (string | number) | null;
                                /**
                                 * @description a change on the bordereau, or one we communicated
                                 * @enum {string}
                                 */
                                change?: "first_appearance" | "work_time_change" | "premium_change" | "end_of_guarantee" | "affiliation" | "work_time" | "salary" | "premium_basis";
                                /** Format: uuid */
                                correctionMessageId: string | null;
                                expected?: (string | number) | null;
                                /** @enum {string} */
                                field?: "firstName" | "lastName" | "birthDate" | "salaryCents" | "workSchedulePercent" | "category" | "premiumCents";
                                fingerprint: string;
                                /** @enum {string} */
                                kind: "left_still_billed" | "billed_not_enrolled" | "enrolled_not_billed" | "family_member_billed_only" | "family_member_enrolled_only" | "data_mismatch" | "premium_mismatch" | "unknown_movement_code" | "change_not_communicated" | "communication_not_reflected";
                                /** @description a covered family member: their line on the bordereau */
                                memberKey?: string;
                                nationalId: string;
                                /** @enum {string} */
                                part: "persons" | "data" | "changes";
                                /** @enum {string|null} */
                                resolution: "insurer_will_correct" | "our_data_wrong" | "accepted" | null;
                                /** @description the bordereau line */
                                row?: number;
                                /** @enum {string} */
                                status: "open" | "recurring_accepted";
                                /** @description left and still billed: still inside the insurer's correction window */
                                withinCorrectionWindow?: boolean;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            lines: number;
                            /** @description a period with nothing communicated yet */
                            message?: string;
                            period: string;
                            /** @description when the lines and differences went at the end of their retention term */
                            purgedAt: string | null;
                            /** Format: uuid */
                            replacedRunId: string | null;
                            /** @enum {string} */
                            result: "no_communication" | "reconciled";
                            /** @enum {string} */
                            status: "current" | "replaced";
                            /** Format: uuid */
                            supplierId: string;
                        };
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
    "/api/enrollments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Enrollments, filtered, in pages
         * @description Pass `nextCursor` as `cursor` for the next page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    limit?: number;
                    personId?: string;
                    planId?: string;
                    supplierId?: string;
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
                                createdAt: string;
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                endDate: string | null;
                                /** Format: uuid */
                                familyMemberId: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                personId: string;
                                /** Format: uuid */
                                planId: string;
                                planName: string;
                                /** @enum {string} */
                                source: "manual" | "initial_import" | "change_import" | "onboarding";
                                startDate: string;
                                /** Format: uuid */
                                supplierId: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Enroll a person (or a family member) in a plan
         * @description Creates the enrollment message for the plan's supplier (when it takes messages) in the same transaction. The answer lists it with its status, send date, missing fields and warnings — among them the 120-day warning.
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
                        /** Format: date */
                        endDate?: string;
                        /** Format: uuid */
                        familyMemberId?: string;
                        /** Format: uuid */
                        personId: string;
                        /** Format: uuid */
                        planId: string;
                        /** Format: date */
                        startDate: string;
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
                            enrollment: {
                                createdAt: string;
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                endDate: string | null;
                                /** Format: uuid */
                                familyMemberId: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                personId: string;
                                /** Format: uuid */
                                planId: string;
                                planName: string;
                                /** @enum {string} */
                                source: "manual" | "initial_import" | "change_import" | "onboarding";
                                startDate: string;
                                /** Format: uuid */
                                supplierId: string;
                                updatedAt: string;
                            };
                            messages: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "enrollment" | "termination" | "change";
                                missingFields: string[];
                                sendDate: string;
                                /** @enum {string} */
                                status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                                version: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the warning, for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                            }[];
                        };
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
    "/api/enrollments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An enrollment */
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
                            createdAt: string;
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            endDate: string | null;
                            /** Format: uuid */
                            familyMemberId: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            personId: string;
                            /** Format: uuid */
                            planId: string;
                            planName: string;
                            /** @enum {string} */
                            source: "manual" | "initial_import" | "change_import" | "onboarding";
                            startDate: string;
                            /** Format: uuid */
                            supplierId: string;
                            updatedAt: string;
                        };
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
         * Correct the start date, or set or correct the end date
         * @description A first end date creates the termination message. A changed start date, or a changed end date, re-assesses unsent messages and re-sends sent ones as a new version. A corrected start of an enrollment whose message failed (e.g. the 120-day rule) creates a new enrollment message.
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
                        /** Format: date */
                        endDate?: string;
                        /** Format: date */
                        startDate?: string;
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
                            enrollment: {
                                createdAt: string;
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                endDate: string | null;
                                /** Format: uuid */
                                familyMemberId: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                personId: string;
                                /** Format: uuid */
                                planId: string;
                                planName: string;
                                /** @enum {string} */
                                source: "manual" | "initial_import" | "change_import" | "onboarding";
                                startDate: string;
                                /** Format: uuid */
                                supplierId: string;
                                updatedAt: string;
                            };
                            messages: {
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "enrollment" | "termination" | "change";
                                missingFields: string[];
                                sendDate: string;
                                /** @enum {string} */
                                status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                                version: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the warning, for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                }[];
                            }[];
                            resent: {
                                /** Format: uuid */
                                messageId: string;
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/enrollments/{id}/start-advice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The earliest start date the insurer accepts for a message made today (the 120-day rule)
         * @description What HR is offered when correcting a start date after a "start too old" failure: today (or the link's deliver-from date, when later) minus 120 days, in the employer's time zone.
         */
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
                            earliestStart: string;
                            /** @description the employer's date it was worked out for */
                            today: string;
                        };
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
    "/api/family-members/{id}": {
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
        /**
         * Correct a family member's data, or end them (endDate)
         * @description Changed data reaches the suppliers covering the family member as a person's does: unsent messages re-check, sent ones re-send for a national id or birth date and are marked "changed since sent" otherwise; else a change message. An end date ends their enrollments running past it, each with a termination message.
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
                        /** Format: date */
                        birthDate?: string;
                        /** Format: date */
                        endDate?: string | null;
                        firstName?: string | null;
                        /** @enum {string|null} */
                        gender?: "M" | "F" | "X" | null;
                        lastName?: string;
                        namePrefix?: string | null;
                        nationalId?: string | null;
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
                            birthDate: string;
                            createdAt: string;
                            /** @description No longer covered as a family member after this day */
                            endDate: string | null;
                            firstName: string | null;
                            /** @enum {string|null} */
                            gender: "M" | "F" | "X" | null;
                            /** Format: uuid */
                            id: string;
                            lastName: string;
                            /** @description messages made by the change: terminations, change messages */
                            messages: {
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                status: string;
                            }[];
                            namePrefix: string | null;
                            nationalId: string | null;
                            /** Format: uuid */
                            personId: string;
                            /** @enum {string} */
                            relation: "partner" | "child";
                            /** @description sent messages re-sent as a new version */
                            resent: number;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit findings, newest first, in pages */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    field?: string;
                    importId?: string;
                    limit?: number;
                    personId?: string;
                    ruleId?: string;
                    severity?: "info" | "warning" | "blocking";
                    status?: "open" | "acknowledged" | "resolved";
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
                                createdAt: string;
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                field: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                importId: string;
                                /** @enum {string} */
                                kind: "presence" | "validity" | "change";
                                /** Format: uuid */
                                personId: string | null;
                                reason: string | null;
                                resolution: string | null;
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                                /** @description what the rule (at that version) checks */
                                rule: {
                                    en: string;
                                    fr: string;
                                    nl: string;
                                };
                                /** Format: uuid */
                                ruleId: string;
                                ruleName: string;
                                ruleVersion: number;
                                /** Format: uuid */
                                runId: string;
                                /** @enum {string} */
                                severity: "info" | "warning" | "blocking";
                                /** @enum {string} */
                                status: "open" | "acknowledged" | "resolved";
                                /** @description only for a reader with persons.view: the values are personal data (absent once the import's photo went with its retention term) */
                                values?: {
                                    previousValue: string | null;
                                    value: string | null;
                                };
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finding */
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
                            createdAt: string;
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            field: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            importId: string;
                            /** @enum {string} */
                            kind: "presence" | "validity" | "change";
                            /** Format: uuid */
                            personId: string | null;
                            reason: string | null;
                            resolution: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            /** @description what the rule (at that version) checks */
                            rule: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            /** Format: uuid */
                            ruleId: string;
                            ruleName: string;
                            ruleVersion: number;
                            /** Format: uuid */
                            runId: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "blocking";
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "resolved";
                            /** @description only for a reader with persons.view: the values are personal data (absent once the import's photo went with its retention term) */
                            values?: {
                                previousValue: string | null;
                                value: string | null;
                            };
                        };
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
    "/api/findings/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge a finding with a reason: a blocking one no longer holds the person's messages */
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
                        reason: string;
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
                            createdAt: string;
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            field: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            importId: string;
                            /** @enum {string} */
                            kind: "presence" | "validity" | "change";
                            /** Format: uuid */
                            personId: string | null;
                            reason: string | null;
                            resolution: string | null;
                            resolvedAt: string | null;
                            resolvedBy: string | null;
                            /** @description what the rule (at that version) checks */
                            rule: {
                                en: string;
                                fr: string;
                                nl: string;
                            };
                            /** Format: uuid */
                            ruleId: string;
                            ruleName: string;
                            ruleVersion: number;
                            /** Format: uuid */
                            runId: string;
                            /** @enum {string} */
                            severity: "info" | "warning" | "blocking";
                            /** @enum {string} */
                            status: "open" | "acknowledged" | "resolved";
                            /** @description only for a reader with persons.view: the values are personal data (absent once the import's photo went with its retention term) */
                            values?: {
                                previousValue: string | null;
                                value: string | null;
                            };
                        };
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
    "/api/findings/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import's findings as XLSX (values only with persons.view) */
        get: {
            parameters: {
                query: {
                    employerId?: string;
                    field?: string;
                    importId: string;
                    lang?: "nl" | "fr" | "en";
                    personId?: string;
                    ruleId?: string;
                    severity?: "info" | "warning" | "blocking";
                    status?: "open" | "acknowledged" | "resolved";
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
    "/api/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages, newest first, filtered by status, supplier, employer, person or kind */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId?: string;
                    kind?: "enrollment" | "termination" | "change";
                    limit?: number;
                    /** @description true: sent, and not answered within the supplier's answer window */
                    overdue?: "true" | "false";
                    personId?: string;
                    status?: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                    supplierId?: string;
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
                                /** @description The end of the supplier's answer window (set when sent) */
                                answerDueAt: string | null;
                                answeredAt: string | null;
                                cancelReason: string | null;
                                changedFields: string[];
                                /** @description Fields changed after sending that do not resend by themselves */
                                changedSinceSent: string[];
                                createdAt: string;
                                createdBy: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                enrollmentId: string | null;
                                errorCode: string | null;
                                errorText: string | null;
                                factDate: string;
                                failure: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                    suggestion?: string;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "enrollment" | "termination" | "change";
                                missingFields: string[];
                                /** @description Sent, and the supplier did not answer within its answer window */
                                overdue: boolean;
                                /** Format: uuid */
                                personId: string;
                                receiptDate: string | null;
                                sendDate: string;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                                /** @description The status as the users know it (Dutch) */
                                statusLabel: string;
                                /** Format: uuid */
                                supplierId: string;
                                supplierReference: string | null;
                                updatedAt: string;
                                version: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                    suggestion?: string;
                                }[];
                                workflowId: string;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message with every transition it went through */
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
                            /** @description The end of the supplier's answer window (set when sent) */
                            answerDueAt: string | null;
                            answeredAt: string | null;
                            cancelReason: string | null;
                            changedFields: string[];
                            /** @description Fields changed after sending that do not resend by themselves */
                            changedSinceSent: string[];
                            createdAt: string;
                            createdBy: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            enrollmentId: string | null;
                            errorCode: string | null;
                            errorText: string | null;
                            events: {
                                actor: string;
                                at: string;
                                cause: string;
                                detail: unknown;
                                from: string | null;
                                to: string;
                                version: number;
                            }[];
                            factDate: string;
                            failure: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "enrollment" | "termination" | "change";
                            missingFields: string[];
                            /** @description Sent, and the supplier did not answer within its answer window */
                            overdue: boolean;
                            /** Format: uuid */
                            personId: string;
                            receiptDate: string | null;
                            sendDate: string;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                            /** @description The status as the users know it (Dutch) */
                            statusLabel: string;
                            /** Format: uuid */
                            supplierId: string;
                            supplierReference: string | null;
                            updatedAt: string;
                            version: number;
                            warnings: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            }[];
                            workflowId: string;
                        };
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
    "/api/messages/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a message that has not been sent yet, with a reason */
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
                        reason: string;
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
                            /** @description The end of the supplier's answer window (set when sent) */
                            answerDueAt: string | null;
                            answeredAt: string | null;
                            cancelReason: string | null;
                            changedFields: string[];
                            /** @description Fields changed after sending that do not resend by themselves */
                            changedSinceSent: string[];
                            createdAt: string;
                            createdBy: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            enrollmentId: string | null;
                            errorCode: string | null;
                            errorText: string | null;
                            events: {
                                actor: string;
                                at: string;
                                cause: string;
                                detail: unknown;
                                from: string | null;
                                to: string;
                                version: number;
                            }[];
                            factDate: string;
                            failure: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "enrollment" | "termination" | "change";
                            missingFields: string[];
                            /** @description Sent, and the supplier did not answer within its answer window */
                            overdue: boolean;
                            /** Format: uuid */
                            personId: string;
                            receiptDate: string | null;
                            sendDate: string;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                            /** @description The status as the users know it (Dutch) */
                            statusLabel: string;
                            /** Format: uuid */
                            supplierId: string;
                            supplierReference: string | null;
                            updatedAt: string;
                            version: number;
                            warnings: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            }[];
                            workflowId: string;
                        };
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
    "/api/messages/{id}/proof": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Proof of what was sent: each version's exact body with its hash, every event, the answers and the receipts
         * @description The bodies hold the person's data: also needs persons.view, and every read is in the audit trail.
         */
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
                            /** @description the supplier's answers as received, one per version */
                            answers: {
                                applied: boolean;
                                errorCode: string | null;
                                errorText: string | null;
                                receiptDate: string | null;
                                receivedAt: string;
                                reference: string | null;
                                /** @enum {string} */
                                status: "processed" | "rejected";
                                version: number;
                                /** @enum {string} */
                                via: "callback" | "polling";
                            }[];
                            events: {
                                actor: string;
                                at: string;
                                cause: string;
                                detail: unknown;
                                from: string | null;
                                to: string;
                                version: number;
                            }[];
                            message: {
                                /** @description The end of the supplier's answer window (set when sent) */
                                answerDueAt: string | null;
                                answeredAt: string | null;
                                cancelReason: string | null;
                                changedFields: string[];
                                /** @description Fields changed after sending that do not resend by themselves */
                                changedSinceSent: string[];
                                createdAt: string;
                                createdBy: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                enrollmentId: string | null;
                                errorCode: string | null;
                                errorText: string | null;
                                factDate: string;
                                failure: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                    suggestion?: string;
                                } | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "enrollment" | "termination" | "change";
                                missingFields: string[];
                                /** @description Sent, and the supplier did not answer within its answer window */
                                overdue: boolean;
                                /** Format: uuid */
                                personId: string;
                                receiptDate: string | null;
                                sendDate: string;
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                                /** @description The status as the users know it (Dutch) */
                                statusLabel: string;
                                /** Format: uuid */
                                supplierId: string;
                                supplierReference: string | null;
                                updatedAt: string;
                                version: number;
                                warnings: {
                                    code: string;
                                    message: string;
                                    /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                    params?: {
                                        [key: string]: string | number;
                                    };
                                    suggestion?: string;
                                }[];
                                workflowId: string;
                            };
                            /** @description how the supplier's channel took each delivery: accepted (HTTP 2xx, its reference) or refused */
                            receipts: {
                                accepted: boolean;
                                at: string;
                                httpStatus: number | null;
                                reference: string | null;
                                version: number;
                            }[];
                            versions: {
                                /** @description the exact JSON text sent (hash it to check) */
                                body: string;
                                /** @description when the body was handed to the supplier's channel (first attempt) */
                                handedOverAt: string;
                                /** @description SHA-256 of the body's UTF-8 bytes, as stored when it was sent */
                                sha256: string;
                                size: number;
                                version: number;
                            }[];
                        };
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
    "/api/messages/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Opnieuw verzenden: send a new version (after a failure, a rejection, or any sent message) */
        post: {
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
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The end of the supplier's answer window (set when sent) */
                            answerDueAt: string | null;
                            answeredAt: string | null;
                            cancelReason: string | null;
                            changedFields: string[];
                            /** @description Fields changed after sending that do not resend by themselves */
                            changedSinceSent: string[];
                            createdAt: string;
                            createdBy: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            enrollmentId: string | null;
                            errorCode: string | null;
                            errorText: string | null;
                            events: {
                                actor: string;
                                at: string;
                                cause: string;
                                detail: unknown;
                                from: string | null;
                                to: string;
                                version: number;
                            }[];
                            factDate: string;
                            failure: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            } | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "enrollment" | "termination" | "change";
                            missingFields: string[];
                            /** @description Sent, and the supplier did not answer within its answer window */
                            overdue: boolean;
                            /** Format: uuid */
                            personId: string;
                            receiptDate: string | null;
                            sendDate: string;
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "incomplete" | "not_sent" | "queued" | "send_failed" | "sent" | "processed" | "rejected" | "cancelled";
                            /** @description The status as the users know it (Dutch) */
                            statusLabel: string;
                            /** Format: uuid */
                            supplierId: string;
                            supplierReference: string | null;
                            updatedAt: string;
                            version: number;
                            warnings: {
                                code: string;
                                message: string;
                                /** @description the figures of the explanation (start_too_old: startDate, ageDays, sendDate, maxDays, earliestStart), for the UI to say it in the user's language */
                                params?: {
                                    [key: string]: string | number;
                                };
                                suggestion?: string;
                            }[];
                            workflowId: string;
                        };
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
    "/api/messages/{id}/versions/{version}/body": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One version's body exactly as sent (x-content-sha256)
         * @description Also needs persons.view; every read is in the audit trail.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
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
    "/api/messages/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many messages are in each status */
        get: {
            parameters: {
                query?: {
                    employerId?: string;
                    supplierId?: string;
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
    "/api/payroll-imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, progress, errors and change counts of an import */
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
                            /** Format: uuid */
                            baselineImportId: string | null;
                            changeCounts: {
                                [key: string]: number;
                            };
                            completedAt: string | null;
                            /** Format: uuid */
                            employerId: string;
                            errorCount: number;
                            errors: {
                                code: string;
                                column?: string;
                                field?: string;
                                file: string;
                                message: string;
                                row?: number;
                            }[];
                            file: {
                                name: string;
                                /** @description removed at the end of its retention term: no download */
                                purged: boolean;
                                sha256: string;
                                size: number;
                            };
                            /** Format: uuid */
                            id: string;
                            period: string;
                            progress: {
                                rows: number;
                                stage: string;
                            } | null;
                            rowCount: number | null;
                            stage: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed" | "superseded";
                            /** Format: uuid */
                            supersededBy: string | null;
                            uploadedAt: string;
                            uploadedBy: string;
                            workflowId: string;
                        };
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
    "/api/payroll-imports/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the employer's rules over an import again (on demand); findings no longer raised are resolved */
        post: {
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
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blocking: number;
                            counts: {
                                [key: string]: number;
                            };
                            personCount: number;
                            /** Format: uuid */
                            runId: string;
                        };
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
    "/api/payroll-imports/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The changes an import revealed, in pages */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    field?: "employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate";
                    kind?: "hire" | "departure" | "rehire" | "missing" | "change";
                    limit?: number;
                    supplierId?: string;
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
                                employeeNumber: string;
                                field: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "hire" | "departure" | "rehire" | "missing" | "change";
                                newValue: string | null;
                                oldValue: string | null;
                                /** Format: uuid */
                                personId: string;
                                supplierIds: string[];
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/payroll-imports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The uploaded file, as it was received */
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
    "/api/persons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An employer's persons by employee number */
        get: {
            parameters: {
                query: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    employerId: string;
                    limit?: number;
                    status?: "active" | "departed" | "missing";
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
                                employeeNumber: string;
                                /** Format: uuid */
                                employerId: string;
                                /** Format: uuid */
                                id: string;
                                status: string;
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/persons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's current data and HR's corrections of it */
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
                            /** @description fields HR corrected that the payroll also supplies: kept across imports */
                            corrections: {
                                correctedAt: string;
                                correctedBy: string;
                                field: string;
                                /** @description HR answered that the payroll will be fixed */
                                fixExpected: boolean;
                                /** @description "payroll differs from the correction": the last import brought another value (a resolve_correction task asks HR) */
                                payrollDiffers: boolean;
                                /** @description the payroll's value, while it differs */
                                payrollValue: string | null;
                                value: string | null;
                            }[];
                            data: {
                                [key: string]: unknown;
                            };
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            status: string;
                            updatedAt: string;
                        };
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
         * Complete or correct a person's data
         * @description Unsent messages of the person re-check themselves at once (an incomplete one moves on when complete). On sent messages, a national id or birth date correction re-sends them; other fields mark them "changed since sent". Each changed field is a correction the next payroll imports keep; an import bringing another value flags it for HR.
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
                        /** Format: date */
                        birthDate?: string | null;
                        city?: string | null;
                        country?: string | null;
                        firstName?: string | null;
                        /** @enum {string|null} */
                        gender?: "M" | "F" | "X" | null;
                        houseNumber?: string | null;
                        initials?: string | null;
                        lastName?: string | null;
                        /** @enum {string|null} */
                        maritalStatus?: "single" | "married" | "cohabiting" | "divorced" | "widowed" | null;
                        namePrefix?: string | null;
                        nationalId?: string | null;
                        nationality?: string | null;
                        partnerLastName?: string | null;
                        partnerNamePrefix?: string | null;
                        postalCode?: string | null;
                        street?: string | null;
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
                            /** @description fields HR corrected that the payroll also supplies: kept across imports */
                            corrections: {
                                correctedAt: string;
                                correctedBy: string;
                                field: string;
                                /** @description HR answered that the payroll will be fixed */
                                fixExpected: boolean;
                                /** @description "payroll differs from the correction": the last import brought another value (a resolve_correction task asks HR) */
                                payrollDiffers: boolean;
                                /** @description the payroll's value, while it differs */
                                payrollValue: string | null;
                                value: string | null;
                            }[];
                            data: {
                                [key: string]: unknown;
                            };
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            /** Format: uuid */
                            id: string;
                            status: string;
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/persons/{id}/benefit-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's internal benefit records, with each type's calculation today */
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
                            items: {
                                calculation: unknown;
                                endDate: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                personId: string;
                                startDate: string;
                                /** Format: uuid */
                                typeId: string;
                                typeName: string;
                                updatedAt: string;
                                updatedBy: string;
                                values: {
                                    [key: string]: (string | number | boolean) | null;
                                };
                                version: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Give a person a record of a benefit type */
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
                        /** Format: date */
                        endDate?: string | null;
                        /** Format: date */
                        startDate: string;
                        /** Format: uuid */
                        typeId: string;
                        /** @description a value per field key: text, number, money (cents), date (yyyy-mm-dd), choice, yes/no (true/false) */
                        values: {
                            [key: string]: (string | number | boolean) | null;
                        };
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
                            calculation: unknown;
                            endDate: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            personId: string;
                            startDate: string;
                            /** Format: uuid */
                            typeId: string;
                            typeName: string;
                            updatedAt: string;
                            updatedBy: string;
                            values: {
                                [key: string]: (string | number | boolean) | null;
                            };
                            version: number;
                        };
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
    "/api/persons/{id}/correction-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a correction of a person's data would do to their messages, without saving it
         * @description The same body as PATCH /api/persons/:id. Nothing is stored: the answer lists, per message the correction touches, whether an incomplete one becomes complete (or what it still lacks), whether a sent one is re-sent by itself or marked "changed since sent".
         */
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
                        /** Format: date */
                        birthDate?: string | null;
                        city?: string | null;
                        country?: string | null;
                        firstName?: string | null;
                        /** @enum {string|null} */
                        gender?: "M" | "F" | "X" | null;
                        houseNumber?: string | null;
                        initials?: string | null;
                        lastName?: string | null;
                        /** @enum {string|null} */
                        maritalStatus?: "single" | "married" | "cohabiting" | "divorced" | "widowed" | null;
                        namePrefix?: string | null;
                        nationalId?: string | null;
                        nationality?: string | null;
                        partnerLastName?: string | null;
                        partnerNamePrefix?: string | null;
                        postalCode?: string | null;
                        street?: string | null;
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
                            /** @description the fields the correction would change */
                            changedFields: string[];
                            /** @description the person's messages the correction touches, oldest first */
                            messages: {
                                /** Format: uuid */
                                enrollmentId: string | null;
                                /** @description the fields that would mark a sent message "changed since sent" */
                                flagged: string[];
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "enrollment" | "termination" | "change";
                                /** @description what an unsent message would still lack */
                                missing: string[];
                                /**
                                 * @description completes / stays_incomplete / becomes_incomplete / rechecked / will_fail (the 120-day rule, once complete): an unsent message; resent: a sent one goes out again as a new version; changed_since_sent: a sent one is marked, HR resends by hand
                                 * @enum {string}
                                 */
                                outcome: "completes" | "stays_incomplete" | "becomes_incomplete" | "rechecked" | "will_fail" | "resent" | "changed_since_sent" | "unaffected";
                                status: string;
                                /** Format: uuid */
                                supplierId: string;
                            }[];
                        };
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
    "/api/persons/{id}/family-members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's partner and children */
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
                            items: {
                                birthDate: string;
                                createdAt: string;
                                /** @description No longer covered as a family member after this day */
                                endDate: string | null;
                                firstName: string | null;
                                /** @enum {string|null} */
                                gender: "M" | "F" | "X" | null;
                                /** Format: uuid */
                                id: string;
                                lastName: string;
                                namePrefix: string | null;
                                nationalId: string | null;
                                /** Format: uuid */
                                personId: string;
                                /** @enum {string} */
                                relation: "partner" | "child";
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a partner or child of a person */
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
                        /** Format: date */
                        birthDate: string;
                        firstName?: string;
                        /** @enum {string} */
                        gender?: "M" | "F" | "X";
                        lastName: string;
                        namePrefix?: string;
                        nationalId?: string;
                        /** @enum {string} */
                        relation: "partner" | "child";
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
                            birthDate: string;
                            createdAt: string;
                            /** @description No longer covered as a family member after this day */
                            endDate: string | null;
                            firstName: string | null;
                            /** @enum {string|null} */
                            gender: "M" | "F" | "X" | null;
                            /** Format: uuid */
                            id: string;
                            lastName: string;
                            namePrefix: string | null;
                            nationalId: string | null;
                            /** Format: uuid */
                            personId: string;
                            /** @enum {string} */
                            relation: "partner" | "child";
                            updatedAt: string;
                        };
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
    "/api/persons/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's statement: data as in the payroll and as last sent to each supplier, family, enrollments and contributions */
        get: {
            parameters: {
                query?: {
                    /** @description default: the person's language, else the employer's */
                    lang?: "nl" | "fr" | "en";
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
                            employeeNumber: string;
                            /** Format: uuid */
                            employerId: string;
                            header: {
                                label: string;
                                value: string;
                            }[];
                            issuedOn: string;
                            /** @enum {string} */
                            lang: "nl" | "fr" | "en";
                            /** Format: uuid */
                            personId: string;
                            /** @description in print order: the same content as the PDF */
                            sections: {
                                blocks: ({
                                    /** @enum {string} */
                                    kind: "rows";
                                    rows: {
                                        label: string;
                                        value: string;
                                    }[];
                                } | {
                                    columns: string[];
                                    /** @enum {string} */
                                    kind: "table";
                                    rows: string[][];
                                    widths?: number[];
                                } | {
                                    /** @enum {string} */
                                    kind: "text";
                                    text: string;
                                })[];
                                id: string;
                                title: string;
                            }[];
                            title: string;
                        };
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
    "/api/persons/{id}/statement/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person's statement as a PDF (text, the person's or the employer's language) */
        get: {
            parameters: {
                query?: {
                    /** @description default: the person's language, else the employer's */
                    lang?: "nl" | "fr" | "en";
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
    "/api/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans, optionally of one supplier */
        get: {
            parameters: {
                query?: {
                    supplierId?: string;
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
                                code: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                /** @description what the supplier bills per insured person a month, and the employer/employee split */
                                premiumFormula: (({
                                    amountCents: number;
                                    /** @enum {string} */
                                    kind: "fixed";
                                } | {
                                    ceilingCents?: number;
                                    /** @enum {string} */
                                    kind: "percent_of_salary";
                                    rateBasisPoints: number;
                                } | {
                                    childCents: number;
                                    insuredCents: number;
                                    /** @enum {string} */
                                    kind: "per_family_member";
                                    maxPaidChildren?: number;
                                    partnerCents: number;
                                } | {
                                    bands: {
                                        amountCents: number;
                                        fromAge: number;
                                        toAge: number;
                                    }[];
                                    /** @enum {string} */
                                    kind: "age_bands";
                                }) & {
                                    employeeFixedCents?: number;
                                    /** @default 10000 */
                                    employerShareBasisPoints: number;
                                    /** @default false */
                                    proRataWorkSchedule: boolean;
                                }) | null;
                                /** Format: uuid */
                                supplierId: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a plan (a product of a supplier) */
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
                        code?: string;
                        name: string;
                        premiumFormula?: ({
                            amountCents: number;
                            /** @enum {string} */
                            kind: "fixed";
                        } | {
                            ceilingCents?: number;
                            /** @enum {string} */
                            kind: "percent_of_salary";
                            rateBasisPoints: number;
                        } | {
                            childCents: number;
                            insuredCents: number;
                            /** @enum {string} */
                            kind: "per_family_member";
                            maxPaidChildren?: number;
                            partnerCents: number;
                        } | {
                            bands: {
                                amountCents: number;
                                fromAge: number;
                                toAge: number;
                            }[];
                            /** @enum {string} */
                            kind: "age_bands";
                        }) & {
                            employeeFixedCents?: number;
                            /** @default 10000 */
                            employerShareBasisPoints?: number;
                            /** @default false */
                            proRataWorkSchedule?: boolean;
                        };
                        /** Format: uuid */
                        supplierId: string;
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
                            code: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description what the supplier bills per insured person a month, and the employer/employee split */
                            premiumFormula: (({
                                amountCents: number;
                                /** @enum {string} */
                                kind: "fixed";
                            } | {
                                ceilingCents?: number;
                                /** @enum {string} */
                                kind: "percent_of_salary";
                                rateBasisPoints: number;
                            } | {
                                childCents: number;
                                insuredCents: number;
                                /** @enum {string} */
                                kind: "per_family_member";
                                maxPaidChildren?: number;
                                partnerCents: number;
                            } | {
                                bands: {
                                    amountCents: number;
                                    fromAge: number;
                                    toAge: number;
                                }[];
                                /** @enum {string} */
                                kind: "age_bands";
                            }) & {
                                employeeFixedCents?: number;
                                /** @default 10000 */
                                employerShareBasisPoints: number;
                                /** @default false */
                                proRataWorkSchedule: boolean;
                            }) | null;
                            /** Format: uuid */
                            supplierId: string;
                        };
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
    "/api/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plan */
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
                            code: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description what the supplier bills per insured person a month, and the employer/employee split */
                            premiumFormula: (({
                                amountCents: number;
                                /** @enum {string} */
                                kind: "fixed";
                            } | {
                                ceilingCents?: number;
                                /** @enum {string} */
                                kind: "percent_of_salary";
                                rateBasisPoints: number;
                            } | {
                                childCents: number;
                                insuredCents: number;
                                /** @enum {string} */
                                kind: "per_family_member";
                                maxPaidChildren?: number;
                                partnerCents: number;
                            } | {
                                bands: {
                                    amountCents: number;
                                    fromAge: number;
                                    toAge: number;
                                }[];
                                /** @enum {string} */
                                kind: "age_bands";
                            }) & {
                                employeeFixedCents?: number;
                                /** @default 10000 */
                                employerShareBasisPoints: number;
                                /** @default false */
                                proRataWorkSchedule: boolean;
                            }) | null;
                            /** Format: uuid */
                            supplierId: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a plan, change its code (unique within the supplier; null removes it) or its premium formula */
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
                        code?: string | null;
                        name?: string;
                        /** @description corrects the formula (null removes it; not while an employer's contribution file has a pay code for the plan). The next contribution file recomputes every month of its correction window with it and corrects what was deducted; bordereaux reconciled from then on use it. A tariff that changes from a date on is not modelled: it would correct the months before that date too */
                        premiumFormula?: (({
                            amountCents: number;
                            /** @enum {string} */
                            kind: "fixed";
                        } | {
                            ceilingCents?: number;
                            /** @enum {string} */
                            kind: "percent_of_salary";
                            rateBasisPoints: number;
                        } | {
                            childCents: number;
                            insuredCents: number;
                            /** @enum {string} */
                            kind: "per_family_member";
                            maxPaidChildren?: number;
                            partnerCents: number;
                        } | {
                            bands: {
                                amountCents: number;
                                fromAge: number;
                                toAge: number;
                            }[];
                            /** @enum {string} */
                            kind: "age_bands";
                        }) & {
                            employeeFixedCents?: number;
                            /** @default 10000 */
                            employerShareBasisPoints?: number;
                            /** @default false */
                            proRataWorkSchedule?: boolean;
                        }) | null;
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
                            code: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description what the supplier bills per insured person a month, and the employer/employee split */
                            premiumFormula: (({
                                amountCents: number;
                                /** @enum {string} */
                                kind: "fixed";
                            } | {
                                ceilingCents?: number;
                                /** @enum {string} */
                                kind: "percent_of_salary";
                                rateBasisPoints: number;
                            } | {
                                childCents: number;
                                insuredCents: number;
                                /** @enum {string} */
                                kind: "per_family_member";
                                maxPaidChildren?: number;
                                partnerCents: number;
                            } | {
                                bands: {
                                    amountCents: number;
                                    fromAge: number;
                                    toAge: number;
                                }[];
                                /** @enum {string} */
                                kind: "age_bands";
                            }) & {
                                employeeFixedCents?: number;
                                /** @default 10000 */
                                employerShareBasisPoints: number;
                                /** @default false */
                                proRataWorkSchedule: boolean;
                            }) | null;
                            /** Format: uuid */
                            supplierId: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Monthly reports, newest first, with their deliveries */
        get: {
            parameters: {
                query?: {
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    cycleId?: string;
                    employerId?: string;
                    limit?: number;
                    period?: string;
                    supplierId?: string;
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
                                contentType: string;
                                createdAt: string;
                                /** Format: uuid */
                                cycleId: string | null;
                                deliveries: {
                                    attempts: number;
                                    deliveredAt: string | null;
                                    receipt: unknown;
                                    status: string;
                                    transport: string;
                                }[];
                                /** Format: uuid */
                                employerId: string;
                                encrypted: boolean;
                                fileName: string;
                                /** Format: uuid */
                                id: string;
                                lineCount: number;
                                period: string;
                                sha256: string;
                                size: number;
                                status: string;
                                /** Format: uuid */
                                supplierId: string;
                                version: number;
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A monthly report and its deliveries */
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
                            contentType: string;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            deliveries: {
                                attempts: number;
                                deliveredAt: string | null;
                                receipt: unknown;
                                status: string;
                                transport: string;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            encrypted: boolean;
                            fileName: string;
                            /** Format: uuid */
                            id: string;
                            lineCount: number;
                            period: string;
                            sha256: string;
                            size: number;
                            status: string;
                            /** Format: uuid */
                            supplierId: string;
                            version: number;
                        };
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
    "/api/reports/{id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The report file exactly as it was sent (download channel too) */
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
    "/api/reports/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver a report again whose delivery failed (the same file, the supplier's current delivery settings); answers with the outcome */
        post: {
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
                            contentType: string;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            deliveries: {
                                attempts: number;
                                deliveredAt: string | null;
                                receipt: unknown;
                                status: string;
                                transport: string;
                            }[];
                            /** Format: uuid */
                            employerId: string;
                            encrypted: boolean;
                            fileName: string;
                            /** Format: uuid */
                            id: string;
                            lineCount: number;
                            period: string;
                            sha256: string;
                            size: number;
                            status: string;
                            /** Format: uuid */
                            supplierId: string;
                            version: number;
                        };
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
    "/api/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Roles and their permissions (area.action) */
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
                            items: {
                                allEmployers: boolean;
                                builtin: boolean;
                                name: string;
                                permissions: string[];
                            }[];
                            permissions: string[];
                        };
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
    "/api/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or change a role of your own (built-in roles are fixed); only an administrator of every employer, and only with permissions they hold */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default false */
                        allEmployers?: boolean;
                        permissions: ("payroll.view" | "payroll.upload" | "employers.view" | "employers.manage" | "suppliers.view" | "suppliers.manage" | "persons.view" | "persons.edit" | "messages.view" | "messages.resend" | "tasks.view" | "tasks.complete" | "cycles.view" | "cycles.manage" | "reports.view" | "accidents.view" | "accidents.manage" | "accidents.health" | "accidents.report" | "controls.view" | "controls.manage" | "findings.view" | "findings.acknowledge" | "benefits.view" | "benefits.manage" | "admin.users" | "admin.audit" | "admin.health" | "platform.settings")[];
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
                            allEmployers: boolean;
                            builtin: boolean;
                            name: string;
                            permissions: string[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/statement-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A statement batch: status, stage, persons done of the total */
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
                            completedAt: string | null;
                            createdAt: string;
                            deliveredAt: string | null;
                            /** @enum {string} */
                            delivery: "download" | "email";
                            doneCount: number;
                            /** Format: uuid */
                            employerId: string;
                            error: string | null;
                            fileName: string | null;
                            fileSize: number | null;
                            /** Format: uuid */
                            id: string;
                            issuedOn: string;
                            personCount: number;
                            purged: boolean;
                            stage: string;
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            workflowId: string;
                        };
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
    "/api/statement-batches/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ZIP of a completed batch (one PDF per person); reading it is a read of every person in it */
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
    "/api/supplier-callbacks/{supplierId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A supplier answers a message (processed or rejected)
         * @description Authorization: Bearer <the callback token issued when the supplier's channel was set>.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    supplierId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        errorCode?: string;
                        errorText?: string;
                        idempotencyKey: string;
                        /** Format: date */
                        receiptDate?: string;
                        reference?: string;
                        /** @enum {string} */
                        status: "processed" | "rejected";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            accepted: true;
                        };
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
    "/api/suppliers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All suppliers, by name */
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
                            items: {
                                channel: {
                                    /** @enum {string} */
                                    transport: "none";
                                } | {
                                    /**
                                     * @default callback
                                     * @enum {string}
                                     */
                                    answers: "callback" | "polling";
                                    /** @description default 5 */
                                    answerWindowWorkingDays?: number;
                                    /** Format: uri */
                                    baseUrl: string;
                                    /** @default 60 */
                                    pollEveryMinutes: number;
                                    /** @default 30 */
                                    timeoutSeconds: number;
                                    /** @enum {string} */
                                    transport: "http";
                                };
                                createdAt: string;
                                fields: string[] | null;
                                hasCallbackToken: boolean;
                                hasCredentials: boolean;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a supplier (insurer or benefit supplier)
         * @description Credentials are sealed at rest and never returned. With an `http` channel the answer carries `callbackToken` and `callbackUrl` — the token is shown this once.
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
                        channel?: {
                            /** @enum {string} */
                            transport: "none";
                        } | {
                            /**
                             * @default callback
                             * @enum {string}
                             */
                            answers?: "callback" | "polling";
                            /** @description default 5 */
                            answerWindowWorkingDays?: number;
                            /** Format: uri */
                            baseUrl: string;
                            /** @default 60 */
                            pollEveryMinutes?: number;
                            /** @default 30 */
                            timeoutSeconds?: number;
                            /** @enum {string} */
                            transport: "http";
                        };
                        credentials?: {
                            apiKey: string;
                            /** @enum {string} */
                            type?: "api_key";
                        } | {
                            password: string;
                            /** @enum {string} */
                            type: "basic";
                            username: string;
                        } | {
                            audience?: string;
                            clientId: string;
                            clientSecret: string;
                            scope?: string;
                            /** Format: uri */
                            tokenUrl: string;
                            /** @enum {string} */
                            type: "oauth2_client_credentials";
                        } | {
                            apiKey?: string;
                            certificate: string;
                            passphrase?: string;
                            privateKey: string;
                            serverCa?: string;
                            /** @enum {string} */
                            type: "client_certificate";
                        };
                        fields?: ("employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate")[];
                        /** @enum {string} */
                        kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
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
                        "application/json": {
                            callbackToken?: string;
                            callbackUrl?: string;
                            channel: {
                                /** @enum {string} */
                                transport: "none";
                            } | {
                                /**
                                 * @default callback
                                 * @enum {string}
                                 */
                                answers: "callback" | "polling";
                                /** @description default 5 */
                                answerWindowWorkingDays?: number;
                                /** Format: uri */
                                baseUrl: string;
                                /** @default 60 */
                                pollEveryMinutes: number;
                                /** @default 30 */
                                timeoutSeconds: number;
                                /** @enum {string} */
                                transport: "http";
                            };
                            createdAt: string;
                            fields: string[] | null;
                            hasCallbackToken: boolean;
                            hasCredentials: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
                            name: string;
                        };
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
    "/api/suppliers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A supplier (without its secrets) */
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
                            channel: {
                                /** @enum {string} */
                                transport: "none";
                            } | {
                                /**
                                 * @default callback
                                 * @enum {string}
                                 */
                                answers: "callback" | "polling";
                                /** @description default 5 */
                                answerWindowWorkingDays?: number;
                                /** Format: uri */
                                baseUrl: string;
                                /** @default 60 */
                                pollEveryMinutes: number;
                                /** @default 30 */
                                timeoutSeconds: number;
                                /** @enum {string} */
                                transport: "http";
                            };
                            createdAt: string;
                            fields: string[] | null;
                            hasCallbackToken: boolean;
                            hasCredentials: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
                            name: string;
                        };
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
         * Rename a supplier, or correct its kind or the fields it needs (how it is reached: PUT …/channel)
         * @description Kind and fields decide which payroll changes concern the supplier: a correction applies to the changes detected from the next import on; messages already made stay as they are.
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
                        fields?: ("employeeNumber" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "partnerLastName" | "partnerNamePrefix" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate")[] | null;
                        /** @enum {string} */
                        kind?: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
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
                        "application/json": {
                            channel: {
                                /** @enum {string} */
                                transport: "none";
                            } | {
                                /**
                                 * @default callback
                                 * @enum {string}
                                 */
                                answers: "callback" | "polling";
                                /** @description default 5 */
                                answerWindowWorkingDays?: number;
                                /** Format: uri */
                                baseUrl: string;
                                /** @default 60 */
                                pollEveryMinutes: number;
                                /** @default 30 */
                                timeoutSeconds: number;
                                /** @enum {string} */
                                transport: "http";
                            };
                            createdAt: string;
                            fields: string[] | null;
                            hasCallbackToken: boolean;
                            hasCredentials: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
                            name: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/suppliers/{id}/bordereau-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How this supplier's bordereau maps, with its movement code table */
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
                            /** @default {} */
                            columns: {
                                [key: string]: "nationalId" | "role" | "memberKey" | "firstName" | "lastName" | "birthDate" | "salary" | "workSchedulePercent" | "category" | "premium" | "movementCode";
                            };
                            /** @default 30 */
                            correctionWindowDays: number;
                            /**
                             * @default [
                             *       "yyyy-mm-dd",
                             *       "dd/mm/yyyy"
                             *     ]
                             */
                            dateFormats: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                            /**
                             * @default .
                             * @enum {string}
                             */
                            decimalSeparator: "." | ",";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            delimiter: "auto" | "," | ";" | "\t" | "|";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            format: "auto" | "csv" | "xlsx";
                            /**
                             * @default {
                             *       "10": "transfer",
                             *       "15": "annual_adjustment",
                             *       "20": "end_of_guarantee",
                             *       "25": "family_or_work_time_change",
                             *       "30": "exit",
                             *       "40": "correction",
                             *       "95": "death",
                             *       "05": "affiliation"
                             *     }
                             */
                            movementCodes: {
                                [key: string]: "affiliation" | "transfer" | "annual_adjustment" | "end_of_guarantee" | "family_or_work_time_change" | "exit" | "correction" | "death";
                            };
                            /**
                             * @default {
                             *       "insured": "insured",
                             *       "partner": "partner",
                             *       "child": "child",
                             *       "T": "insured",
                             *       "P": "partner",
                             *       "K": "child",
                             *       "E": "child"
                             *     }
                             */
                            roles: {
                                [key: string]: "insured" | "partner" | "child";
                            };
                            /**
                             * @default
                             * @enum {string}
                             */
                            thousandsSeparator: "" | "." | "," | " ";
                        };
                    };
                };
            };
        };
        /** Set the supplier's bordereau mapping and movement codes */
        put: {
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
                        /** @default {} */
                        columns?: {
                            [key: string]: "nationalId" | "role" | "memberKey" | "firstName" | "lastName" | "birthDate" | "salary" | "workSchedulePercent" | "category" | "premium" | "movementCode";
                        };
                        /** @default 30 */
                        correctionWindowDays?: number;
                        /**
                         * @default [
                         *       "yyyy-mm-dd",
                         *       "dd/mm/yyyy"
                         *     ]
                         */
                        dateFormats?: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                        /**
                         * @default .
                         * @enum {string}
                         */
                        decimalSeparator?: "." | ",";
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        delimiter?: "auto" | "," | ";" | "\t" | "|";
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        format?: "auto" | "csv" | "xlsx";
                        /**
                         * @default {
                         *       "10": "transfer",
                         *       "15": "annual_adjustment",
                         *       "20": "end_of_guarantee",
                         *       "25": "family_or_work_time_change",
                         *       "30": "exit",
                         *       "40": "correction",
                         *       "95": "death",
                         *       "05": "affiliation"
                         *     }
                         */
                        movementCodes?: {
                            [key: string]: "affiliation" | "transfer" | "annual_adjustment" | "end_of_guarantee" | "family_or_work_time_change" | "exit" | "correction" | "death";
                        };
                        /**
                         * @default {
                         *       "insured": "insured",
                         *       "partner": "partner",
                         *       "child": "child",
                         *       "T": "insured",
                         *       "P": "partner",
                         *       "K": "child",
                         *       "E": "child"
                         *     }
                         */
                        roles?: {
                            [key: string]: "insured" | "partner" | "child";
                        };
                        /**
                         * @default
                         * @enum {string}
                         */
                        thousandsSeparator?: "" | "." | "," | " ";
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
                            /** @default {} */
                            columns: {
                                [key: string]: "nationalId" | "role" | "memberKey" | "firstName" | "lastName" | "birthDate" | "salary" | "workSchedulePercent" | "category" | "premium" | "movementCode";
                            };
                            /** @default 30 */
                            correctionWindowDays: number;
                            /**
                             * @default [
                             *       "yyyy-mm-dd",
                             *       "dd/mm/yyyy"
                             *     ]
                             */
                            dateFormats: ("yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy" | "yyyymmdd")[];
                            /**
                             * @default .
                             * @enum {string}
                             */
                            decimalSeparator: "." | ",";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            delimiter: "auto" | "," | ";" | "\t" | "|";
                            /**
                             * @default auto
                             * @enum {string}
                             */
                            format: "auto" | "csv" | "xlsx";
                            /**
                             * @default {
                             *       "10": "transfer",
                             *       "15": "annual_adjustment",
                             *       "20": "end_of_guarantee",
                             *       "25": "family_or_work_time_change",
                             *       "30": "exit",
                             *       "40": "correction",
                             *       "95": "death",
                             *       "05": "affiliation"
                             *     }
                             */
                            movementCodes: {
                                [key: string]: "affiliation" | "transfer" | "annual_adjustment" | "end_of_guarantee" | "family_or_work_time_change" | "exit" | "correction" | "death";
                            };
                            /**
                             * @default {
                             *       "insured": "insured",
                             *       "partner": "partner",
                             *       "child": "child",
                             *       "T": "insured",
                             *       "P": "partner",
                             *       "K": "child",
                             *       "E": "child"
                             *     }
                             */
                            roles: {
                                [key: string]: "insured" | "partner" | "child";
                            };
                            /**
                             * @default
                             * @enum {string}
                             */
                            thousandsSeparator: "" | "." | "," | " ";
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suppliers/{id}/channel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set how the supplier is reached, and its credentials
         * @description `credentials` omitted keeps the current ones, `null` removes them. Setting an `http` channel on a supplier without a callback token, or `rotateCallbackToken: true`, issues a new token: returned this once as `callbackToken`.
         */
        put: {
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
                        channel: {
                            /** @enum {string} */
                            transport: "none";
                        } | {
                            /**
                             * @default callback
                             * @enum {string}
                             */
                            answers?: "callback" | "polling";
                            /** @description default 5 */
                            answerWindowWorkingDays?: number;
                            /** Format: uri */
                            baseUrl: string;
                            /** @default 60 */
                            pollEveryMinutes?: number;
                            /** @default 30 */
                            timeoutSeconds?: number;
                            /** @enum {string} */
                            transport: "http";
                        };
                        credentials?: ({
                            apiKey: string;
                            /** @enum {string} */
                            type?: "api_key";
                        } | {
                            password: string;
                            /** @enum {string} */
                            type: "basic";
                            username: string;
                        } | {
                            audience?: string;
                            clientId: string;
                            clientSecret: string;
                            scope?: string;
                            /** Format: uri */
                            tokenUrl: string;
                            /** @enum {string} */
                            type: "oauth2_client_credentials";
                        } | {
                            apiKey?: string;
                            certificate: string;
                            passphrase?: string;
                            privateKey: string;
                            serverCa?: string;
                            /** @enum {string} */
                            type: "client_certificate";
                        }) | null;
                        rotateCallbackToken?: boolean;
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
                            callbackToken?: string;
                            callbackUrl?: string;
                            channel: {
                                /** @enum {string} */
                                transport: "none";
                            } | {
                                /**
                                 * @default callback
                                 * @enum {string}
                                 */
                                answers: "callback" | "polling";
                                /** @description default 5 */
                                answerWindowWorkingDays?: number;
                                /** Format: uri */
                                baseUrl: string;
                                /** @default 60 */
                                pollEveryMinutes: number;
                                /** @default 30 */
                                timeoutSeconds: number;
                                /** @enum {string} */
                                transport: "http";
                            };
                            createdAt: string;
                            fields: string[] | null;
                            hasCallbackToken: boolean;
                            hasCredentials: boolean;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "health_insurer" | "group_insurance" | "hospitalisation" | "accident" | "external" | "internal";
                            name: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/suppliers/{id}/report-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How a supplier wants its monthly report (defaults of its kind until set) */
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
                            confirmKinds: string[];
                            delivery: {
                                [key: string]: unknown;
                            };
                            format: {
                                [key: string]: unknown;
                            };
                            hasDeliveryCredentials: boolean;
                            pgp: {
                                fingerprint: string;
                                userIds: string[];
                            } | null;
                            /** Format: uuid */
                            supplierId: string;
                        };
                    };
                };
            };
        };
        /** Set a supplier's report format, confirmation kinds, delivery and PGP key */
        put: {
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
                        /** @description change kinds the employer confirms before they are communicated, by message or in the monthly report (default none; an employer may set its own on its link) */
                        confirmKinds?: ("enrollment" | "termination" | "change")[];
                        /** @description sftp | email | http | download (docs/delivery.md); no secrets here */
                        delivery?: {
                            /** @default . */
                            directory?: string;
                            host: string;
                            hostKeySha256?: string;
                            /** @default 22 */
                            port?: number;
                            /** @enum {string} */
                            transport: "sftp";
                            username: string;
                        } | {
                            cc?: string[];
                            subject?: string;
                            to: string[];
                            /** @enum {string} */
                            transport: "email";
                        } | {
                            /**
                             * @default POST
                             * @enum {string}
                             */
                            method?: "POST";
                            /** @enum {string} */
                            transport: "http";
                            /** Format: uri */
                            url: string;
                        } | {
                            /** @enum {string} */
                            transport: "download";
                        };
                        /** @description sealed at rest, never returned; null removes them */
                        deliveryCredentials?: {
                            bearerToken?: string;
                            passphrase?: string;
                            password?: string;
                            privateKey?: string;
                        } | null;
                        /** @description columns, language, date and decimal formats, csv|xlsx, sheets, file name pattern (docs/reports.md) */
                        format?: {
                            /**
                             * @default [
                             *       "changeKind",
                             *       "effectiveDate",
                             *       "collectiveNumber",
                             *       "employeeNumber",
                             *       "insured",
                             *       "lastName",
                             *       "namePrefix",
                             *       "firstName",
                             *       "birthDate",
                             *       "planCode",
                             *       "planName",
                             *       "startDate",
                             *       "endDate",
                             *       "field",
                             *       "oldValue",
                             *       "newValue"
                             *     ]
                             */
                            columns?: ("changeKind" | "effectiveDate" | "collectiveNumber" | "employeeNumber" | "insured" | "nationalId" | "lastName" | "namePrefix" | "firstName" | "initials" | "birthDate" | "gender" | "nationality" | "maritalStatus" | "partnerLastName" | "partnerNamePrefix" | "street" | "houseNumber" | "postalCode" | "city" | "country" | "category" | "salaryClass" | "workSchedulePercent" | "grossMonthlySalary" | "hireDate" | "exitDate" | "planCode" | "planName" | "startDate" | "endDate" | "field" | "oldValue" | "newValue")[];
                            /**
                             * @default ;
                             * @enum {string}
                             */
                            csvDelimiter?: ";" | "," | "\t";
                            /**
                             * @default dd-mm-yyyy
                             * @enum {string}
                             */
                            dateFormat?: "yyyy-mm-dd" | "dd-mm-yyyy" | "dd/mm/yyyy" | "dd.mm.yyyy";
                            /**
                             * @default ,
                             * @enum {string}
                             */
                            decimalSeparator?: "." | ",";
                            /** @default {supplier}_{employer}_{period}.{ext} */
                            fileNamePattern?: string;
                            /**
                             * @default xlsx
                             * @enum {string}
                             */
                            fileType?: "csv" | "xlsx";
                            /** @default {} */
                            headerLabels?: {
                                [key: string]: string;
                            };
                            /**
                             * @default nl
                             * @enum {string}
                             */
                            language?: "nl" | "fr" | "en";
                            /** @default false */
                            sheetPerKind?: boolean;
                        };
                        /** @description armoured OpenPGP public key: reports are encrypted to it and signed */
                        pgpPublicKey?: string | null;
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
                            confirmKinds: string[];
                            delivery: {
                                [key: string]: unknown;
                            };
                            format: {
                                [key: string]: unknown;
                            };
                            hasDeliveryCredentials: boolean;
                            pgp: {
                                fingerprint: string;
                                userIds: string[];
                            } | null;
                            /** Format: uuid */
                            supplierId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tasks, by due date */
        get: {
            parameters: {
                query?: {
                    accidentId?: string;
                    assignee?: string;
                    /** @description the nextCursor of the previous page */
                    cursor?: string;
                    cycleId?: string;
                    employerId?: string;
                    kind?: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                    limit?: number;
                    /** @description true: only the tasks assigned to the caller (their role or themselves) */
                    mine?: "true" | "false";
                    status?: "open" | "completed" | "declined" | "cancelled";
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
                                /** Format: uuid */
                                accidentId: string | null;
                                assignee: string;
                                comments: {
                                    at: string;
                                    by: string;
                                    text: string;
                                }[];
                                completedAt: string | null;
                                completedBy: string | null;
                                createdAt: string;
                                /** Format: uuid */
                                cycleId: string | null;
                                dueAt: string;
                                /** Format: uuid */
                                employerId: string;
                                escalatedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                                remindAt: string | null;
                                remindedAt: string | null;
                                result: unknown;
                                /** @enum {string} */
                                status: "open" | "completed" | "declined" | "cancelled";
                                /** @description ids and field names: what the task is about */
                                subject: {
                                    [key: string]: unknown;
                                };
                            }[];
                            nextCursor: string | null;
                        };
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
    "/api/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task */
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
                            /** Format: uuid */
                            accidentId: string | null;
                            assignee: string;
                            comments: {
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            completedAt: string | null;
                            completedBy: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            dueAt: string;
                            /** Format: uuid */
                            employerId: string;
                            escalatedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                            remindAt: string | null;
                            remindedAt: string | null;
                            result: unknown;
                            /** @enum {string} */
                            status: "open" | "completed" | "declined" | "cancelled";
                            /** @description ids and field names: what the task is about */
                            subject: {
                                [key: string]: unknown;
                            };
                        };
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
    "/api/tasks/{id}/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the task may be given to: the roles and the employer's users holding what acting on it needs */
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
                            roles: string[];
                            users: {
                                email: string;
                                name: string;
                                role: string;
                            }[];
                        };
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
    "/api/tasks/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a task */
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
                        text: string;
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
                            /** Format: uuid */
                            accidentId: string | null;
                            assignee: string;
                            comments: {
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            completedAt: string | null;
                            completedBy: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            dueAt: string;
                            /** Format: uuid */
                            employerId: string;
                            escalatedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                            remindAt: string | null;
                            remindedAt: string | null;
                            result: unknown;
                            /** @enum {string} */
                            status: "open" | "completed" | "declined" | "cancelled";
                            /** @description ids and field names: what the task is about */
                            subject: {
                                [key: string]: unknown;
                            };
                        };
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
    "/api/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a task (once: a second user gets 409; the same answer twice is harmless) */
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
                        result: {
                            /** @enum {boolean} */
                            confirm: true;
                            /** Format: date */
                            endDate?: string;
                            /** Format: date */
                            startDate?: string;
                        } | {
                            /** @enum {boolean} */
                            confirm: false;
                            reason: string;
                        } | {
                            value: string;
                        } | {
                            /** @enum {boolean} */
                            acknowledged: true;
                            /** @description required for a review_finding task */
                            reason?: string;
                        } | {
                            /** @enum {string} */
                            resolution: "keep_ours" | "take_payroll" | "payroll_will_be_fixed";
                        };
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
                            /** Format: uuid */
                            accidentId: string | null;
                            assignee: string;
                            comments: {
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            completedAt: string | null;
                            completedBy: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            dueAt: string;
                            /** Format: uuid */
                            employerId: string;
                            escalatedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                            remindAt: string | null;
                            remindedAt: string | null;
                            result: unknown;
                            /** @enum {string} */
                            status: "open" | "completed" | "declined" | "cancelled";
                            /** @description ids and field names: what the task is about */
                            subject: {
                                [key: string]: unknown;
                            };
                        };
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
    "/api/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give an open task to a role or user who may do it (GET …/assignees lists them) */
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
                        assignee: string;
                        comment?: string;
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
                            /** Format: uuid */
                            accidentId: string | null;
                            assignee: string;
                            comments: {
                                at: string;
                                by: string;
                                text: string;
                            }[];
                            completedAt: string | null;
                            completedBy: string | null;
                            createdAt: string;
                            /** Format: uuid */
                            cycleId: string | null;
                            dueAt: string;
                            /** Format: uuid */
                            employerId: string;
                            escalatedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "confirm_enrollment" | "confirm_termination" | "confirm_change" | "complete_data" | "review_finding" | "declare_accident" | "accident_sick_note_ending" | "accident_payment_check" | "answer_overdue" | "review_missing" | "complete_effective_date" | "resolve_correction" | "review_bordereau" | "upload_comparison_file" | "review_comparison" | "review_eligibility";
                            remindAt: string | null;
                            remindedAt: string | null;
                            result: unknown;
                            /** @enum {string} */
                            status: "open" | "completed" | "declined" | "cancelled";
                            /** @description ids and field names: what the task is about */
                            subject: {
                                [key: string]: unknown;
                            };
                        };
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
    "/api/tasks/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete several of the month's tasks at once (at most 500); each item's outcome */
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
                        items: {
                            result: {
                                /** @enum {boolean} */
                                confirm: true;
                                /** Format: date */
                                endDate?: string;
                                /** Format: date */
                                startDate?: string;
                            } | {
                                /** @enum {boolean} */
                                confirm: false;
                                reason: string;
                            } | {
                                value: string;
                            } | {
                                /** @enum {boolean} */
                                acknowledged: true;
                                /** @description required for a review_finding task */
                                reason?: string;
                            } | {
                                /** @enum {string} */
                                resolution: "keep_ours" | "take_payroll" | "payroll_will_be_fixed";
                            };
                            /** Format: uuid */
                            taskId: string;
                        }[];
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
                            items: {
                                /**
                                 * @description completed: by this request; unchanged: completed before by the caller with the same answer; closed: closed before or meanwhile by someone else, left as it is; open: left open — the answer no longer fits, or could not be applied (the task asks again)
                                 * @enum {string}
                                 */
                                outcome: "completed" | "unchanged" | "closed" | "open";
                                /**
                                 * @description the task's status after the request
                                 * @enum {string}
                                 */
                                status: "open" | "completed" | "declined" | "cancelled";
                                /** Format: uuid */
                                taskId: string;
                            }[];
                        };
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
    "/api/tasks/open-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many open tasks wait for the caller (assigned to their role or to them), and how many of those are escalated */
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
                            escalated: number;
                            open: number;
                        };
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
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API tokens (names, roles, owners, expiry and last use; the tokens themselves are kept only as hashes) */
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
                            items: {
                                createdAt: string;
                                createdBy: string | null;
                                employerIds: string[] | null;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                lastUsedAt: string | null;
                                name: string;
                                /**
                                 * Format: uuid
                                 * @description the user who made it; null: an operator token from the configuration
                                 */
                                ownerUserId: string | null;
                                role: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a token with a role (one you may grant); the token is shown this once */
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
                        /** @description the employers it may act for; absent: all if its role sees every employer, else none */
                        employerIds?: string[];
                        /**
                         * @description refused after this many days
                         * @default 90
                         */
                        expiresInDays?: number;
                        name: string;
                        role: string;
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
                            createdAt: string;
                            createdBy: string | null;
                            employerIds: string[] | null;
                            expiresAt: string | null;
                            /** Format: uuid */
                            id: string;
                            lastUsedAt: string | null;
                            name: string;
                            /**
                             * Format: uuid
                             * @description the user who made it; null: an operator token from the configuration
                             */
                            ownerUserId: string | null;
                            role: string;
                            token: string;
                        };
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
    "/api/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
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
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ui-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settings for the web UI (where the Temporal UI is) */
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
                            temporalNamespace: string;
                            temporalUiUrl: string | null;
                        };
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
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users */
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
                            items: {
                                createdAt: string;
                                disabled: boolean;
                                email: string;
                                employerIds: string[];
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                language: "nl" | "fr" | "en";
                                lastLoginAt: string | null;
                                name: string;
                                role: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user with a password, a role and the employers granted */
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
                        /** Format: email */
                        email: string;
                        /** @default [] */
                        employerIds?: string[];
                        /**
                         * @default nl
                         * @enum {string}
                         */
                        language?: "nl" | "fr" | "en";
                        name: string;
                        password: string;
                        role: string;
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
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            employerIds: string[];
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            lastLoginAt: string | null;
                            name: string;
                            role: string;
                        };
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
    "/api/users/{id}": {
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
        /** Change a user: role, employers, language, password; disabling ends their sessions */
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
                        disabled?: boolean;
                        employerIds?: string[];
                        /** @enum {string} */
                        language?: "nl" | "fr" | "en";
                        name?: string;
                        password?: string;
                        /**
                         * @description a lost authenticator: the user sets up a new one at the next sign-in
                         * @enum {boolean}
                         */
                        resetSecondFactor?: true;
                        role?: string;
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
                            createdAt: string;
                            disabled: boolean;
                            email: string;
                            employerIds: string[];
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            language: "nl" | "fr" | "en";
                            lastLoginAt: string | null;
                            name: string;
                            role: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database and Temporal status */
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
                            /** @enum {string} */
                            db: "ok" | "error";
                            /** @enum {string} */
                            status: "ok" | "error";
                            /** @enum {string} */
                            temporal: "ok" | "error";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            db: "ok" | "error";
                            /** @enum {string} */
                            status: "ok" | "error";
                            /** @enum {string} */
                            temporal: "ok" | "error";
                        };
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        EligibilityFilter: {
            equals: string;
            field: string;
        } | {
            field: string;
            in: string[];
        } | {
            field: string;
            range: {
                max?: number | string;
                min?: number | string;
            };
        } | {
            exists: boolean;
            field: string;
        } | {
            and: components["schemas"]["EligibilityFilter"][];
        } | {
            or: components["schemas"]["EligibilityFilter"][];
        };
        EligibilityFilterInput: {
            equals: string;
            field: string;
        } | {
            field: string;
            in: string[];
        } | {
            field: string;
            range: {
                max?: number | string;
                min?: number | string;
            };
        } | {
            exists: boolean;
            field: string;
        } | {
            and: components["schemas"]["EligibilityFilterInput"][];
        } | {
            or: components["schemas"]["EligibilityFilterInput"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
