/* pb-profile-state.h: what the store holds for one profile, read at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-profile.h"
#include "pb-remote-configuration.h"

G_BEGIN_DECLS

/* Whether the account offers a feature, as far as a fetch said. */
typedef enum
{
  PB_AVAILABILITY_UNKNOWN,
  PB_AVAILABILITY_AVAILABLE,
  PB_AVAILABILITY_UNAVAILABLE,
} PbAvailability;

#define PB_TYPE_PROFILE_STATE (pb_profile_state_get_type ())

G_DECLARE_FINAL_TYPE (PbProfileState, pb_profile_state, PB, PROFILE_STATE, GObject)

/* A value object: pb_store_load_state() fills it in one read transaction,
 * so its parts agree with each other and with its generation. */
PbProfileState  *pb_profile_state_new                (PbProfile        *profile,
                                                      PbConfiguration  *draft,
                                                      guint64           generation);
PbProfile       *pb_profile_state_get_profile        (PbProfileState   *self);
/* The draft, never NULL (an empty configuration for a new profile). */
PbConfiguration *pb_profile_state_get_draft          (PbProfileState   *self);
guint64          pb_profile_state_get_generation     (PbProfileState   *self);

/* The newest revision and its number; NULL and 0 when there is none. */
PbConfiguration *pb_profile_state_get_saved          (PbProfileState   *self);
guint            pb_profile_state_get_saved_number   (PbProfileState   *self);
void             pb_profile_state_set_saved          (PbProfileState   *self,
                                                      PbConfiguration  *saved,
                                                      guint             number);

/* The remote configuration the draft is based on (publishing sends its
 * ETag) and the newest one received (by a fetch or a publish); both NULL
 * for a profile never fetched. In conflict when the remote one changed
 * since the base while the draft changed too (cli.md, "Drafts, fetches
 * and conflicts"): publishing must wait until it is resolved. */
PbRemoteConfiguration *pb_profile_state_get_base     (PbProfileState        *self);
PbRemoteConfiguration *pb_profile_state_get_remote   (PbProfileState        *self);
gboolean         pb_profile_state_get_conflict       (PbProfileState   *self);
/* What the account said of revertToLastStatus at the last fetch. */
PbAvailability   pb_profile_state_get_revert_available (PbProfileState *self);
void             pb_profile_state_set_remote         (PbProfileState        *self,
                                                      PbRemoteConfiguration *base,
                                                      PbRemoteConfiguration *remote,
                                                      gboolean               conflict,
                                                      PbAvailability         revert_available);

/* Edits kept aside by pb_store_save_recovery(), NULL when there are none. */
PbConfiguration *pb_profile_state_get_recovery       (PbProfileState   *self);
void             pb_profile_state_set_recovery       (PbProfileState   *self,
                                                      PbConfiguration  *recovery);

G_END_DECLS
