/* pb-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-preview.h"

#include <glib/gi18n.h>

/*
 * Each event is a trigger and an outcome, both whole phrases with their own
 * format string, so translators see every sentence shape. State names appear
 * plain ("ContactPad state Break", as the administrator reads them in
 * ContactPad), presence labels in quotes.
 */

/* What Omni-Channel shows when the agent enters @state_id. */
static char *
dup_state_outcome (PbConfiguration *config,
                   const char      *state_id)
{
  const char *presence = NULL;
  const char *major_name;

  switch (pb_configuration_resolve_state (config, state_id, &presence))
    {
    case PB_RESOLUTION_FIXED:
      return g_strdup (_("offline in Omni-Channel (always)"));

    case PB_RESOLUTION_OWN:
      if (presence == NULL)
        return g_strdup (_("offline in Omni-Channel"));
      return g_strdup_printf (_("Omni-Channel shows “%s”"), pb_configuration_get_presence_label (config, presence));

    case PB_RESOLUTION_INHERITED:
      major_name = pb_configuration_get_state_name (config, pb_agent_state_get_major_id (pb_configuration_lookup_state (config, state_id)));
      if (presence == NULL)
        {
          /* Translators: %s is the name of the major state whose mapping is used. */
          return g_strdup_printf (_("offline in Omni-Channel (same as %s)"), major_name);
        }
      /* Translators: a presence label, then the name of the major state whose mapping is used. */
      return g_strdup_printf (_("Omni-Channel shows “%s” (same as %s)"),
                              pb_configuration_get_presence_label (config, presence), major_name);

    case PB_RESOLUTION_NONE:
    default:
      return g_strdup (_("no presence mapped (the configuration cannot be saved)"));
    }
}

/**
 * pb_preview_build_fixed_event:
 *
 * Returns: (transfer full): the event of the integration's fixed behaviour
 *   @fixed
 */
PbPreviewEvent *
pb_preview_build_fixed_event (PbConfiguration *configuration,
                              PbPreviewFixed   fixed)
{
  g_autofree char *login = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  switch (fixed)
    {
    case PB_PREVIEW_FIXED_GO_OFFLINE:
      return pb_preview_event_new (PB_PREVIEW_EVENT_FIXED,
                                   _("Agent goes offline in Omni-Channel"),
                                   _("logged out of ContactPad"),
                                   NULL);

    case PB_PREVIEW_FIXED_LOG_IN:
      /* Logging in puts the agent in Ready, so Omni-Channel shows Ready's presence. */
      login = dup_state_outcome (configuration, PB_STATE_ID_READY);
      return pb_preview_event_new (PB_PREVIEW_EVENT_FIXED,
                                   _("Agent logs in to ContactPad"), login, PB_STATE_ID_READY);

    case PB_PREVIEW_FIXED_LOG_OUT:
      return pb_preview_event_new (PB_PREVIEW_EVENT_FIXED,
                                   _("Agent logs out of ContactPad"),
                                   _("offline in Omni-Channel"),
                                   PB_STATE_ID_LOGGED_OUT);

    case PB_PREVIEW_FIXED_CHAT:
    default:
      return pb_preview_event_new (PB_PREVIEW_EVENT_FIXED,
                                   _("Salesforce assigns a chat"),
                                   _("ContactPad state Busy Inbound; nothing is routed by the platform while in it"),
                                   NULL);
    }
}

/**
 * pb_preview_build_presence_event:
 *
 * Returns: (transfer full): what happens when an agent picks @api_name
 */
PbPreviewEvent *
pb_preview_build_presence_event (PbConfiguration *configuration,
                                 const char      *api_name)
{
  g_autofree char *trigger = NULL;
  g_autofree char *outcome = NULL;
  const char *state_id;
  gboolean is_default;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);
  g_return_val_if_fail (api_name != NULL, NULL);

  state_id = pb_configuration_resolve_presence (configuration, api_name, &is_default);
  trigger = g_strdup_printf (_("Agent picks “%s”"), pb_configuration_get_presence_label (configuration, api_name));

  if (pb_configuration_lookup_state (configuration, state_id) == NULL)
    {
      /* Translators: %s is the id of a state that the account does not have. */
      outcome = g_strdup_printf (_("ContactPad state %s, which is not in the account's list of states"),
                                 state_id);
    }
  else if (is_default)
    {
      outcome = g_strdup_printf (_("ContactPad state %s (default mapping)"),
                                 pb_configuration_get_state_name (configuration, state_id));
    }
  else
    {
      outcome = g_strdup_printf (_("ContactPad state %s"), pb_configuration_get_state_name (configuration, state_id));
    }

  return pb_preview_event_new (PB_PREVIEW_EVENT_PRESENCE, trigger, outcome, api_name);
}

/**
 * pb_preview_build_state_event:
 *
 * Returns: (transfer full): what Omni-Channel shows when the agent enters
 *   @state_id
 */
PbPreviewEvent *
pb_preview_build_state_event (PbConfiguration *configuration,
                              const char      *state_id)
{
  g_autofree char *trigger = NULL;
  g_autofree char *outcome = NULL;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);
  g_return_val_if_fail (state_id != NULL, NULL);

  trigger = g_strdup_printf (_("ContactPad state becomes %s"), pb_configuration_get_state_name (configuration, state_id));
  outcome = dup_state_outcome (configuration, state_id);

  return pb_preview_event_new (PB_PREVIEW_EVENT_STATE, trigger, outcome, state_id);
}

/* With Revert to last status off, or after an interaction it does not
 * apply to: the presence the Agent Post Call State resolves to. */
static char *
dup_mapped_outcome (PbConfiguration *config,
                    const char      *post_call,
                    const char      *name)
{
  const char *presence = NULL;

  switch (pb_configuration_resolve_state (config, post_call, &presence))
    {
    case PB_RESOLUTION_NONE:
      /* Translators: %s is the Agent Post Call State. */
      return g_strdup_printf (_("no presence mapped to %s (the configuration cannot be saved)"), name);

    case PB_RESOLUTION_OWN:
    case PB_RESOLUTION_INHERITED:
    case PB_RESOLUTION_FIXED:
    default:
      if (presence == NULL)
        {
          /* Translators: %s is the Agent Post Call State. */
          return g_strdup_printf (_("offline in Omni-Channel (mapped to %s)"), name);
        }
      /* Translators: a presence label, then the Agent Post Call State. */
      return g_strdup_printf (_("Omni-Channel shows “%s” (mapped to %s)"),
                              pb_configuration_get_presence_label (config, presence), name);
    }
}

/**
 * pb_preview_build_revert_event:
 * @inbound: whether the interaction that ends was inbound, the only kind
 *   Revert to last status applies to
 *
 * Returns: (transfer full): what Omni-Channel shows when an interaction and
 *   its wrap time end
 */
PbPreviewEvent *
pb_preview_build_revert_event (PbConfiguration *configuration,
                               gboolean         inbound)
{
  const char *post_call;
  const char *name;
  const char *presence = NULL;
  g_autofree char *mapped = NULL;
  g_autofree char *outcome = NULL;
  PbStateKind kind;
  PbResolution resolution;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  post_call = pb_configuration_get_agent_post_call_state (configuration);
  name = pb_configuration_get_state_name (configuration, post_call);
  kind = pb_configuration_get_state_kind (configuration, post_call);
  resolution = pb_configuration_resolve_state (configuration, post_call, &presence);

  if (!pb_configuration_get_revert_to_last_status (configuration))
    {
      outcome = dup_mapped_outcome (configuration, post_call, name);
    }
  else if (!inbound)
    {
      mapped = dup_mapped_outcome (configuration, post_call, name);
      /* Translators: %s is what Omni-Channel shows, e.g. “Omni-Channel shows “Ready for cases” (mapped to Ready)” */
      outcome = g_strdup_printf (_("%s; Revert to last status applies after inbound interactions only"), mapped);
    }
  else if (kind == PB_STATE_KIND_READY || kind == PB_STATE_KIND_READY_OFFLINE)
    {
      outcome = g_strdup (_("the presence the agent had before the interaction is restored"));
    }
  else if (resolution == PB_RESOLUTION_NONE)
    {
      /* Translators: both %s are the Agent Post Call State. */
      outcome = g_strdup_printf (_("no presence mapped to %s (the configuration cannot be saved); Revert to last status has no effect because the post-call state is %s"),
                                 name, name);
    }
  else if (presence == NULL)
    {
      /* Translators: both %s are the Agent Post Call State. */
      outcome = g_strdup_printf (_("offline in Omni-Channel (mapped to %s); Revert to last status has no effect because the post-call state is %s"),
                                 name, name);
    }
  else
    {
      /* Translators: a presence label, then twice the Agent Post Call State. */
      outcome = g_strdup_printf (_("Omni-Channel shows “%s” (mapped to %s); Revert to last status has no effect because the post-call state is %s"),
                                 pb_configuration_get_presence_label (configuration, presence), name, name);
    }

  return pb_preview_event_new (PB_PREVIEW_EVENT_REVERT,
                               _("Agent finishes an interaction"), outcome, post_call);
}

static void
add_presence_events (PbConfiguration *config,
                     GPtrArray       *events)
{
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  guint n = g_list_model_get_n_items (statuses);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPresenceStatus) status = g_list_model_get_item (statuses, i);
      const char *api_name = pb_presence_status_get_api_name (status);

      /* A duplicate API name is an error of its own; lookups see the first. */
      if (pb_configuration_lookup_presence (config, api_name) != status)
        continue;

      g_ptr_array_add (events, pb_preview_build_presence_event (config, api_name));
    }
}

static void
add_state_events (PbConfiguration *config,
                  GPtrArray       *events)
{
  GListModel *states = pb_configuration_get_agent_states (config);
  guint n = g_list_model_get_n_items (states);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (states, i);
      const char *id = pb_agent_state_get_id (state);

      if (pb_configuration_lookup_state (config, id) != state)
        continue;

      g_ptr_array_add (events, pb_preview_build_state_event (config, id));
    }
}

/**
 * pb_preview_build:
 *
 * Returns: (transfer full): a #GListModel of #PbPreviewEvent
 */
GListModel *
pb_preview_build (PbConfiguration *configuration)
{
  static const PbPreviewFixed fixed[] = {
    PB_PREVIEW_FIXED_GO_OFFLINE,
    PB_PREVIEW_FIXED_LOG_IN,
    PB_PREVIEW_FIXED_LOG_OUT,
    PB_PREVIEW_FIXED_CHAT,
  };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (events, pb_preview_build_fixed_event (configuration, fixed[i]));
  add_presence_events (configuration, events);
  add_state_events (configuration, events);
  g_ptr_array_add (events, pb_preview_build_revert_event (configuration, TRUE));

  store = g_list_store_new (PB_TYPE_PREVIEW_EVENT);
  g_list_store_splice (store, 0, 0, events->pdata, events->len);

  return G_LIST_MODEL (store);
}
