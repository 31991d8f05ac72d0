/* pb-profile-sync.h: fetch and publish for an editing session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-core.h"
#include "pb-remote.h"

G_BEGIN_DECLS

/* What a profile's sync is doing, for a window's spinner and labels. */
typedef enum
{
  PB_SYNC_ACTIVITY_IDLE,
  PB_SYNC_ACTIVITY_FETCHING,
  PB_SYNC_ACTIVITY_PUBLISHING,
  PB_SYNC_ACTIVITY_SIGNING_IN,
} PbSyncActivity;

#define PB_TYPE_SYNC_ACTIVITY (pb_sync_activity_get_type ())

GType pb_sync_activity_get_type (void) G_GNUC_CONST;

#define PB_TYPE_PROFILE_SYNC (pb_profile_sync_get_type ())

G_DECLARE_FINAL_TYPE (PbProfileSync, pb_profile_sync, PB, PROFILE_SYNC, GObject)

/* The remote side of a PbSession, GTK-free: what the window's Fetch,
 * Publish and Sign In do, one at a time. The remote client follows the
 * session's profile (its URLs may change). */
PbProfileSync  *pb_profile_sync_new                 (PbSession           *session,
                                                     PbRemoteFlags        flags);
PbSession      *pb_profile_sync_get_session         (PbProfileSync       *self);
PbRemote       *pb_profile_sync_get_remote          (PbProfileSync       *self);
PbSyncActivity  pb_profile_sync_get_activity        (PbProfileSync       *self);
/* While the client waits to try again (rate limited, unavailable): why,
 * for the administrator; NULL otherwise. */
const char     *pb_profile_sync_get_waiting_message (PbProfileSync       *self);

/* Fetches and records the result through the session: never discards
 * edits here (they reach the store first and the store keeps them). */
void            pb_profile_sync_fetch_async         (PbProfileSync       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
PbFetchOutcome *pb_profile_sync_fetch_finish        (PbProfileSync       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Publishes the draft against the ETag it is based on and records the
 * publish as a revision. Refused before anything is sent for a profile
 * never fetched (PB_REMOTE_ERROR_PRECONDITION_REQUIRED), in conflict
 * (PB_REMOTE_ERROR_CONFLICT), while edits are kept aside
 * (PB_ERROR_STORE_CHANGED) or while the checks find errors
 * (PB_ERROR_INVALID_CONFIGURATION): the order presence-bridge-cli push
 * checks in. A 412
 * fetches the remote configuration, so the conflict is there to resolve,
 * and fails with PB_REMOTE_ERROR_CONFLICT. Returns the revision number. */
void            pb_profile_sync_publish_async       (PbProfileSync       *self,
                                                     const char          *comment,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
guint           pb_profile_sync_publish_finish      (PbProfileSync       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Signs in to Salesforce; ::authorize gives the page to open. */
void            pb_profile_sync_sign_in_async       (PbProfileSync       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        pb_profile_sync_sign_in_finish      (PbProfileSync       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
