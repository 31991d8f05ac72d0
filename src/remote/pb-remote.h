/* pb-remote.h: one profile's connection to the platform and Salesforce
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-fetch-result.h"
#include "pb-http-client.h"
#include "pb-profile.h"
#include "pb-remote-configuration.h"
#include "pb-remote-error.h"

G_BEGIN_DECLS

/* The environment variables of docs/cli.md: used for one run, never
 * written anywhere. */
#define PB_ENV_PLATFORM_CLIENT_SECRET   "PRESENCE_BRIDGE_PLATFORM_CLIENT_SECRET"
#define PB_ENV_SALESFORCE_INSTANCE_URL  "PRESENCE_BRIDGE_SALESFORCE_INSTANCE_URL"
#define PB_ENV_SALESFORCE_ACCESS_TOKEN  "PRESENCE_BRIDGE_SALESFORCE_ACCESS_TOKEN"

#define PB_SALESFORCE_LOGIN_URL         "https://login.salesforce.com"
#define PB_SALESFORCE_SANDBOX_LOGIN_URL "https://test.salesforce.com"

typedef enum
{
  PB_REMOTE_FLAGS_NONE = 0,
  /* Credentials from the environment first (the CLI), then the keyring. */
  PB_REMOTE_FLAGS_USE_ENVIRONMENT = 1 << 0,
} PbRemoteFlags;

#define PB_TYPE_REMOTE (pb_remote_get_type ())

G_DECLARE_FINAL_TYPE (PbRemote, pb_remote, PB, REMOTE, GObject)

/* Takes a copy of @profile's settings: after the profile changes, make a
 * new PbRemote. Reads the environment now, with USE_ENVIRONMENT. */
PbRemote              *pb_remote_new                                (PbProfile            *profile,
                                                                     PbRemoteFlags         flags);
PbProfile             *pb_remote_get_profile                        (PbRemote             *self);
/* Its timeouts, retries and body limit can be tuned. */
PbHttpClient          *pb_remote_get_http_client                    (PbRemote             *self);

/* Account, agent states, the remote configuration (with ETag and
 * revision) and the presence statuses: from Salesforce when Salesforce
 * credentials are at hand (the environment's, or the profile's sign-in),
 * else through the platform's refresh. An account without the integration
 * fails with PB_REMOTE_ERROR_FEATURE_DISABLED before anything else. */
void                   pb_remote_fetch_async                        (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
PbFetchResult         *pb_remote_fetch_finish                       (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);

/* The platform's configuration as it is now (after a conflict). */
void                   pb_remote_get_remote_configuration_async     (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
PbRemoteConfiguration *pb_remote_get_remote_configuration_finish    (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);

/* Publishes @configuration's mapping and revertToLastStatus against @etag
 * (the remote configuration the draft is based on). Errors, with nothing
 * published: PB_REMOTE_ERROR_FEATURE_DISABLED, _CONFLICT (412),
 * _REFUSED (422; pb_remote_error_get_findings()), _PRECONDITION_REQUIRED
 * (428, @etag NULL). Returns what the platform stored, with its new ETag
 * and revision. */
void                   pb_remote_publish_async                      (PbRemote             *self,
                                                                     PbConfiguration      *configuration,
                                                                     const char           *etag,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
PbRemoteConfiguration *pb_remote_publish_finish                     (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);

/* Signs in to Salesforce through the browser (::authorize gives the URL
 * to show) and keeps the refresh token and the instance URL in the
 * keyring. */
void                   pb_remote_sign_in_async                      (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean               pb_remote_sign_in_finish                     (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
/* Forgets the profile's Salesforce sign-in (the keyring's copy). */
void                   pb_remote_sign_out_async                     (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean               pb_remote_sign_out_finish                    (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);
/* Whether the keyring holds a sign-in for the profile's login URL and
 * connected app (the environment is not looked at). */
void                   pb_remote_is_signed_in_async                 (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean               pb_remote_is_signed_in_finish                (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     gboolean             *signed_in,
                                                                     GError              **error);

/* Keeps the platform client secret for the profile's auth URL and client
 * id in the keyring. */
void                   pb_remote_store_platform_client_secret_async (PbRemote             *self,
                                                                     const char           *secret,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean               pb_remote_store_platform_client_secret_finish (PbRemote            *self,
                                                                     GAsyncResult         *result,
                                                                     GError              **error);

/* Whether the keyring holds a platform client secret for the profile's
 * auth URL and client id (the environment is not looked at). */
void                   pb_remote_has_platform_client_secret_async   (PbRemote             *self,
                                                                     GCancellable         *cancellable,
                                                                     GAsyncReadyCallback   callback,
                                                                     gpointer              user_data);
gboolean               pb_remote_has_platform_client_secret_finish  (PbRemote             *self,
                                                                     GAsyncResult         *result,
                                                                     gboolean             *has_secret,
                                                                     GError              **error);

G_END_DECLS
