/* pb-salesforce-client.h: Salesforce's REST API, for the presence statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-http-client.h"
#include "pb-salesforce-json.h"

G_BEGIN_DECLS

#define PB_SALESFORCE_API_VERSION "v60.0"

#define PB_TYPE_SALESFORCE_CLIENT (pb_salesforce_client_get_type ())

G_DECLARE_FINAL_TYPE (PbSalesforceClient, pb_salesforce_client, PB, SALESFORCE_CLIENT, GObject)

/* A client that signed in (the keyring): it refreshes its access token
 * when it has none or Salesforce answers 401, once per request.
 * @instance_url may be NULL (the refresh answer names it). All URLs have
 * passed pb_http_client_parse_url(). */
PbSalesforceClient *pb_salesforce_client_new_signed_in             (PbHttpClient         *http,
                                                                    GUri                 *login_url,
                                                                    const char           *client_id,
                                                                    const char           *refresh_token,
                                                                    GUri                 *instance_url);
/* A client with an access token alone (the environment): a 401 ends with
 * PB_REMOTE_ERROR_SIGN_IN_REQUIRED. */
PbSalesforceClient *pb_salesforce_client_new_with_access_token     (PbHttpClient         *http,
                                                                    GUri                 *instance_url,
                                                                    const char           *access_token);

/* Known once a refresh answered (NULL before, and for an access token
 * alone). A refresh that rotates the refresh token changes it: store the
 * new one. */
const char         *pb_salesforce_client_get_org_id                (PbSalesforceClient   *self);
const char         *pb_salesforce_client_get_refresh_token         (PbSalesforceClient   *self);
/* The instance URL in use (the refresh answer's, once there was one). */
GUri               *pb_salesforce_client_get_instance_url          (PbSalesforceClient   *self);

/* Runs @soql and follows nextRecordsUrl until done, whatever the page
 * size. @fields: what each record must hold, as strings.
 * (element-type GStrv): the records' values, in @fields order. */
void                pb_salesforce_client_query_async               (PbSalesforceClient   *self,
                                                                    const char           *soql,
                                                                    const char * const   *fields,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
GPtrArray          *pb_salesforce_client_query_finish              (PbSalesforceClient   *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

/* The three queries of platform-api.md §1, combined: every presence status
 * with the API names of the channels it is online for (none: busy).
 * (element-type PbPresenceStatus) */
void                pb_salesforce_client_fetch_presence_statuses_async  (PbSalesforceClient   *self,
                                                                         GCancellable         *cancellable,
                                                                         GAsyncReadyCallback   callback,
                                                                         gpointer              user_data);
GPtrArray          *pb_salesforce_client_fetch_presence_statuses_finish (PbSalesforceClient   *self,
                                                                         GAsyncResult         *result,
                                                                         GError              **error);

/* What an OAuth error code of Salesforce's (from the token endpoint or
 * the authorization redirect) means, as a PB_REMOTE_ERROR; @client_id and
 * @redirect_uri (either may be NULL) name what to check. */
GError             *pb_salesforce_client_oauth_error               (const char           *code,
                                                                    const char           *description,
                                                                    const char           *client_id,
                                                                    const char           *redirect_uri);

/* The error for an answer of Salesforce's token endpoint that is not a
 * success: the OAuth error it names, or, for 429 and 5xx, a busy server.
 * @secrets (what the request sent) never show in the message. */
GError             *pb_salesforce_client_token_error               (SoupMessage          *message,
                                                                    GBytes               *body,
                                                                    const char           *client_id,
                                                                    const char           *redirect_uri,
                                                                    const char * const   *secrets);

G_END_DECLS
