/* pb-test-sandbox.h: the real presence-bridge-sandbox, started for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every test that talks HTTP: the binary comes from $PB_SANDBOX (set in
 * tests/meson.build), listens on a free loopback port, and exits when the
 * test closes its standard input, so it never outlives the test.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  SoupSession *session;
  /* The fields of the line the sandbox prints when it is listening. */
  char        *url;
  char        *platform_url;
  char        *auth_url;
  char        *salesforce_login_url;
  char        *admin_url;
  char        *platform_client_id;
  char        *platform_client_secret;
  char        *salesforce_client_id;
} PbTestSandbox;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
} PbTestResponse;

/* Starts the sandbox with --port 0 --exit-with-stdin and @extra_args
 * (NULL-terminated, may be NULL) and waits until it listens. */
PbTestSandbox  *pb_test_sandbox_start          (const char * const *extra_args);
/* Closes its standard input, waits for it to exit (asserting status 0)
 * and frees @sandbox. */
void            pb_test_sandbox_stop           (PbTestSandbox      *sandbox);

/* A session that never asks the desktop for a proxy (loopback needs none,
 * and test environments have no GSettings schemas for it). */
SoupSession    *pb_test_sandbox_new_session    (guint               timeout);

/* One request, answered synchronously, redirects not followed. @headers
 * are name/value pairs, NULL-terminated (may be NULL); @body may be NULL. */
PbTestResponse *pb_test_sandbox_request        (PbTestSandbox      *sandbox,
                                                const char         *method,
                                                const char         *url,
                                                const char * const *headers,
                                                const char         *content_type,
                                                const char         *body,
                                                gssize              body_length);
/* The admin API (JSON in, JSON out); @body may be NULL. */
PbTestResponse *pb_test_sandbox_admin          (PbTestSandbox      *sandbox,
                                                const char         *method,
                                                const char         *path,
                                                const char         *body);
/* A platform access token (client credentials). */
char           *pb_test_sandbox_platform_token (PbTestSandbox      *sandbox);
/* GET of the platform's configuration, with such a token: asserts 200. */
PbTestResponse *pb_test_sandbox_get_configuration (PbTestSandbox  *sandbox);
/* Plays the browser on the Salesforce approval page: opens @authorize_url,
 * presses Allow (or Deny) and returns where it redirects, or NULL when the
 * page had no approval form (it then asserts the page is an error page). */
char           *pb_test_sandbox_approve        (PbTestSandbox      *sandbox,
                                                const char         *authorize_url,
                                                gboolean            allow);

/* The Salesforce sign-in, step by step, as a browser and a client do it:
 * a PKCE verifier and its S256 challenge; the authorize URL; a parameter
 * of the URL the approval redirects to; the code exchanged for tokens. */
void            pb_test_make_pkce              (char              **verifier,
                                                char              **challenge);
char           *pb_test_sandbox_authorize_url  (PbTestSandbox      *sandbox,
                                                const char         *client_id,
                                                const char         *redirect_uri,
                                                const char         *challenge,
                                                const char         *method,
                                                const char         *state);
char           *pb_test_location_param         (const char         *location,
                                                const char         *name);
PbTestResponse *pb_test_sandbox_exchange_code  (PbTestSandbox      *sandbox,
                                                const char         *code,
                                                const char         *redirect_uri,
                                                const char         *verifier);
/* The whole way, approved, with @redirect_uri (registered with the
 * sandbox); returns the token answer (access_token, refresh_token, …). */
JsonNode       *pb_test_sandbox_salesforce_sign_in (PbTestSandbox  *sandbox,
                                                    const char     *redirect_uri);

/* The body as JSON (asserting it is JSON) and as text. */
JsonNode       *pb_test_response_json          (PbTestResponse     *response);
char           *pb_test_response_text          (PbTestResponse     *response);
void            pb_test_response_free          (PbTestResponse     *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestResponse, pb_test_response_free)

G_END_DECLS
