/* pb-remote-error.h: what can go wrong talking to the platform and Salesforce
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PB_REMOTE_ERROR (pb_remote_error_quark ())

/* Codes let the CLI pick its exit code (docs/remote.md has the table) and
 * the window its message; the messages themselves are written for the
 * administrator and never hold a token, a secret or a URL's query. */
typedef enum
{
  PB_REMOTE_ERROR_FAILED,
  PB_REMOTE_ERROR_NOT_CONFIGURED,     /* the profile lacks a URL, an id or a secret */
  PB_REMOTE_ERROR_INVALID_URL,        /* a URL that cannot be used at all */
  PB_REMOTE_ERROR_INSECURE_URL,       /* http:// to a host that is not loopback */
  PB_REMOTE_ERROR_NETWORK,            /* name resolution, connection, I/O */
  PB_REMOTE_ERROR_TLS,                /* a certificate that cannot be trusted */
  PB_REMOTE_ERROR_TIMEOUT,
  PB_REMOTE_ERROR_REDIRECTED,         /* a server answered with a redirect */
  PB_REMOTE_ERROR_AUTH_FAILED,        /* client id or secret refused */
  PB_REMOTE_ERROR_SIGN_IN_REQUIRED,   /* Salesforce sign-in missing, expired or revoked */
  PB_REMOTE_ERROR_PERMISSION,         /* the signed-in user may not read what is needed */
  PB_REMOTE_ERROR_FEATURE_DISABLED,   /* the account cannot use the integration */
  PB_REMOTE_ERROR_RATE_LIMITED,       /* still rate limited after the retries */
  PB_REMOTE_ERROR_SERVER,             /* 5xx, or another refusal with the server's message */
  PB_REMOTE_ERROR_MALFORMED,          /* an answer that is not what the contract says */
  PB_REMOTE_ERROR_CONFLICT,           /* 412: changed since the last fetch, nothing published */
  PB_REMOTE_ERROR_PRECONDITION_REQUIRED, /* 428: no ETag to publish against */
  PB_REMOTE_ERROR_REFUSED,            /* 422: findings in pb_remote_error_get_findings() */
  PB_REMOTE_ERROR_CALLBACK_MISMATCH,  /* the connected app does not accept the callback */
  PB_REMOTE_ERROR_SIGN_IN_DENIED,     /* the user or Salesforce refused the sign-in */
  PB_REMOTE_ERROR_STATE_MISMATCH,     /* a callback that this sign-in did not start */
  PB_REMOTE_ERROR_PORT_BUSY,          /* the callback port is taken */
  PB_REMOTE_ERROR_KEYRING,            /* the keyring cannot be used */
} PbRemoteError;

GQuark     pb_remote_error_quark           (void);

/* The platform's findings (PbFinding) carried by a PB_REMOTE_ERROR_REFUSED
 * error; NULL for any other error. */
GPtrArray *pb_remote_error_get_findings    (const GError *error);
GError    *pb_remote_error_new_refused     (GPtrArray    *findings,
                                            const char   *message);

/* A URL fit for a message: scheme, host, port and path; never the user
 * info, the query or the fragment. */
char      *pb_remote_uri_to_display        (GUri         *uri);
/* Untrusted text from a server, fit for a one-line message: bounded in
 * length, control characters escaped (\u001b). */
char      *pb_remote_quote_server_text     (const char   *text);

/* @text with every one of @secrets (NULL-terminated; NULL and short
 * entries are skipped) replaced by "…": a server's message may echo what
 * it was sent. */
char      *pb_remote_hide_secrets          (const char         *text,
                                            const char * const *secrets);

/* The error for an answer of status 400 or more that the caller did not
 * recognise: RATE_LIMITED for 429 (saying how long the server asked to
 * wait), SERVER otherwise. @service names the server for the reader ("the
 * platform", "Salesforce"); @server_message, if any, is quoted. */
GError    *pb_remote_error_new_for_status  (SoupMessage  *message,
                                            const char   *service,
                                            const char   *server_message);
/* Wraps a failure to read an answer (@reason: a pb-json error or a message
 * of our own) as PB_REMOTE_ERROR_MALFORMED, naming the request. */
GError    *pb_remote_error_new_malformed   (SoupMessage  *message,
                                            const char   *service,
                                            const char   *reason);

/* pb_json_parse() for an answer: errors are PB_REMOTE_ERROR_MALFORMED
 * ("line L:C: …"), and the root must be of @type. */
JsonNode  *pb_remote_parse_json            (const char   *data,
                                            gsize         length,
                                            JsonNodeType  type,
                                            GError      **error);
/* Moves @src (a pb-json reading error) into @dest as
 * PB_REMOTE_ERROR_MALFORMED, keeping its message. Returns FALSE. */
gboolean   pb_remote_propagate_malformed   (GError      **dest,
                                            GError       *src);

G_END_DECLS
