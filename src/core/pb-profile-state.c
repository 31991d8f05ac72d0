/* pb-profile-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-profile-state.h"

struct _PbProfileState
{
  GObject parent_instance;

  PbProfile *profile;
  PbConfiguration *draft;
  guint64 generation;
  PbConfiguration *saved;
  guint saved_number;
  PbConfiguration *recovery;
  PbRemoteConfiguration *base;
  PbRemoteConfiguration *remote;
  gboolean conflict;
  PbAvailability revert_available;
};

G_DEFINE_FINAL_TYPE (PbProfileState, pb_profile_state, G_TYPE_OBJECT)

static void
pb_profile_state_finalize (GObject *object)
{
  PbProfileState *self = (PbProfileState *)object;

  g_clear_object (&self->profile);
  g_clear_object (&self->draft);
  g_clear_object (&self->saved);
  g_clear_object (&self->recovery);
  g_clear_object (&self->base);
  g_clear_object (&self->remote);

  G_OBJECT_CLASS (pb_profile_state_parent_class)->finalize (object);
}

static void
pb_profile_state_class_init (PbProfileStateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_profile_state_finalize;
}

static void
pb_profile_state_init (PbProfileState *self)
{
}

PbProfileState *
pb_profile_state_new (PbProfile       *profile,
                      PbConfiguration *draft,
                      guint64          generation)
{
  PbProfileState *self;

  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (draft), NULL);

  self = g_object_new (PB_TYPE_PROFILE_STATE, NULL);
  self->profile = g_object_ref (profile);
  self->draft = g_object_ref (draft);
  self->generation = generation;

  return self;
}

PbProfile *
pb_profile_state_get_profile (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->profile;
}

PbConfiguration *
pb_profile_state_get_draft (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->draft;
}

guint64
pb_profile_state_get_generation (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), 0);
  return self->generation;
}

PbConfiguration *
pb_profile_state_get_saved (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->saved;
}

guint
pb_profile_state_get_saved_number (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), 0);
  return self->saved_number;
}

void
pb_profile_state_set_saved (PbProfileState  *self,
                            PbConfiguration *saved,
                            guint            number)
{
  g_return_if_fail (PB_IS_PROFILE_STATE (self));
  g_return_if_fail (saved == NULL || PB_IS_CONFIGURATION (saved));

  g_set_object (&self->saved, saved);
  self->saved_number = saved != NULL ? number : 0;
}

PbConfiguration *
pb_profile_state_get_recovery (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->recovery;
}

void
pb_profile_state_set_recovery (PbProfileState  *self,
                               PbConfiguration *recovery)
{
  g_return_if_fail (PB_IS_PROFILE_STATE (self));
  g_return_if_fail (recovery == NULL || PB_IS_CONFIGURATION (recovery));

  g_set_object (&self->recovery, recovery);
}

PbRemoteConfiguration *
pb_profile_state_get_base (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->base;
}

PbRemoteConfiguration *
pb_profile_state_get_remote (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), NULL);
  return self->remote;
}

gboolean
pb_profile_state_get_conflict (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), FALSE);
  return self->conflict;
}

PbAvailability
pb_profile_state_get_revert_available (PbProfileState *self)
{
  g_return_val_if_fail (PB_IS_PROFILE_STATE (self), PB_AVAILABILITY_UNKNOWN);
  return self->revert_available;
}

void
pb_profile_state_set_remote (PbProfileState        *self,
                             PbRemoteConfiguration *base,
                             PbRemoteConfiguration *remote,
                             gboolean               conflict,
                             PbAvailability         revert_available)
{
  g_return_if_fail (PB_IS_PROFILE_STATE (self));

  g_set_object (&self->base, base);
  g_set_object (&self->remote, remote);
  self->conflict = conflict;
  self->revert_available = revert_available;
}
