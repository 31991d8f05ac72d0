/* pb-profile-state.h: what the store holds for one profile, read at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-profile.h"

G_BEGIN_DECLS

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

/* Edits kept aside by pb_store_save_recovery(), NULL when there are none. */
PbConfiguration *pb_profile_state_get_recovery       (PbProfileState   *self);
void             pb_profile_state_set_recovery       (PbProfileState   *self,
                                                      PbConfiguration  *recovery);

G_END_DECLS
