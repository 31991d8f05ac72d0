/* pb-platform-client.h: the contact-centre platform's configuration API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-http-client.h"
#include "pb-platform-json.h"
#include "pb-remote-configuration.h"

G_BEGIN_DECLS

#define PB_PLATFORM_ACCEPT "application/vnd.contactcentre.v1+json"

#define PB_TYPE_PLATFORM_CLIENT (pb_platform_client_get_type ())

G_DECLARE_FINAL_TYPE (PbPlatformClient, pb_platform_client, PB, PLATFORM_CLIENT, GObject)

/* platform-api.md §2. The client-credentials token is fetched when first
 * needed and kept in memory until it expires; a 401 "invalid_token" gets
 * one new token and one retry. @platform_url and @auth_url have passed
 * pb_http_client_parse_url(). */
PbPlatformClient      *pb_platform_client_new                          (PbHttpClient         *http,
                                                                        GUri                 *platform_url,
                                                                        GUri                 *auth_url,
                                                                        const char           *client_id,
                                                                        const char           *client_secret);

void                   pb_platform_client_get_account_async            (PbPlatformClient     *self,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
PbPlatformAccount     *pb_platform_client_get_account_finish           (PbPlatformClient     *self,
                                                                        GAsyncResult         *result,
                                                                        GError              **error);

/* (element-type PbAgentState) */
void                   pb_platform_client_get_agent_states_async       (PbPlatformClient     *self,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
GPtrArray             *pb_platform_client_get_agent_states_finish      (PbPlatformClient     *self,
                                                                        GAsyncResult         *result,
                                                                        GError              **error);

/* @refresh: POST …/presence-statuses/refresh (the platform fetches them
 * from Salesforce first) rather than GET the last fetched list.
 * (element-type PbPresenceStatus) */
void                   pb_platform_client_get_presence_statuses_async  (PbPlatformClient     *self,
                                                                        gboolean              refresh,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
GPtrArray             *pb_platform_client_get_presence_statuses_finish (PbPlatformClient     *self,
                                                                        GAsyncResult         *result,
                                                                        GDateTime           **fetched_at,
                                                                        GError              **error);

void                   pb_platform_client_get_configuration_async      (PbPlatformClient     *self,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
PbRemoteConfiguration *pb_platform_client_get_configuration_finish     (PbPlatformClient     *self,
                                                                        GAsyncResult         *result,
                                                                        GError              **error);

/* PUT with If-Match: @etag (NULL sends none, and the platform answers
 * 428). Errors: PB_REMOTE_ERROR_CONFLICT (412), _REFUSED (422, with the
 * findings), _PRECONDITION_REQUIRED (428); nothing was changed then. */
void                   pb_platform_client_put_configuration_async      (PbPlatformClient     *self,
                                                                        PbConfiguration      *configuration,
                                                                        const char           *etag,
                                                                        GCancellable         *cancellable,
                                                                        GAsyncReadyCallback   callback,
                                                                        gpointer              user_data);
PbRemoteConfiguration *pb_platform_client_put_configuration_finish     (PbPlatformClient     *self,
                                                                        GAsyncResult         *result,
                                                                        GError              **error);

/* PB_REMOTE_ERROR_FEATURE_DISABLED, naming @account (may be NULL). */
GError                *pb_platform_client_feature_disabled_error        (PbPlatformAccount    *account);

G_END_DECLS
