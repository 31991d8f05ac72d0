/* pb-salesforce-sign-in.h: signing in to Salesforce through the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-http-client.h"
#include "pb-salesforce-json.h"

G_BEGIN_DECLS

#define PB_SALESFORCE_SIGN_IN_DEFAULT_TIMEOUT (5 * 60) /* seconds in the browser */

#define PB_TYPE_SALESFORCE_SIGN_IN (pb_salesforce_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (PbSalesforceSignIn, pb_salesforce_sign_in, PB, SALESFORCE_SIGN_IN, GObject)

/* OAuth 2.0 authorization code with PKCE S256 (RFC 7636) and the loopback
 * redirect http://localhost:@port/callback (RFC 8252). The object never
 * opens a browser: it emits ::authorize with the URL, and the window
 * (gtk_show_uri) or the CLI (print it, g_app_info_launch_default_for_uri)
 * shows it. @login_url has passed pb_http_client_parse_url(). */
PbSalesforceSignIn *pb_salesforce_sign_in_new             (PbHttpClient         *http,
                                                           GUri                 *login_url,
                                                           const char           *client_id,
                                                           guint                 port);

/* "http://localhost:PORT/callback": what the connected app must list. */
const char         *pb_salesforce_sign_in_get_redirect_uri (PbSalesforceSignIn  *self);
/* How long to wait for the browser, in seconds (property "timeout"). */
guint               pb_salesforce_sign_in_get_timeout     (PbSalesforceSignIn   *self);
void                pb_salesforce_sign_in_set_timeout     (PbSalesforceSignIn   *self,
                                                           guint                 seconds);

/* Listens on the port (only until the sign-in ends), checks that
 * Salesforce accepts the client id and the callback, emits ::authorize,
 * waits for the browser's return, checks its state, exchanges the code and
 * shows the browser a page saying how it went. Errors: PORT_BUSY,
 * CALLBACK_MISMATCH, AUTH_FAILED, SIGN_IN_DENIED, STATE_MISMATCH, TIMEOUT,
 * the transport's, G_IO_ERROR_CANCELLED. The answer holds a refresh token
 * and the instance URL. */
void                pb_salesforce_sign_in_run_async       (PbSalesforceSignIn   *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
PbSalesforceToken  *pb_salesforce_sign_in_run_finish      (PbSalesforceSignIn   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* PKCE pieces (RFC 7636 §4): base64url without padding, and the S256
 * challenge of a verifier. */
char               *pb_salesforce_sign_in_base64url       (const guint8         *data,
                                                           gsize                 length);
char               *pb_salesforce_sign_in_challenge       (const char           *verifier);

G_END_DECLS
