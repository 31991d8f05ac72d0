/* pb-generator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-generator.h"

static const struct {
  const char *id;
  const char *name;
} usual_majors[] = {
  { "ready", "Ready" },
  { "ready_offline", "Ready (Offline)" },
  { "busy", "Busy" },
  { "wrap", "Wrap up" },
  { "away", "Away" },
  { "logged_out", "Logged out" },
};

static const char * const channel_names[] = {
  "sfdc_case", "sfdc_livechat", "sfdc_messaging", "sfdc_lead", "sfdc_voice",
};

/* Labels in several scripts, so views and the file format meet real text. */
static const char * const label_words[] = {
  "Ready", "Busy", "Away", "Training", "Café", "Überstunden", "Réunion",
  "休憩", "مشغول", "Пауза", "📞 Call", "Backoffice",
};

PbConfiguration *
pb_generator_create (guint   n_statuses,
                     guint   n_states,
                     guint32 seed)
{
  PbConfiguration *config = pb_configuration_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) major_ids = g_ptr_array_new_with_free_func (g_free);
  guint n_majors;

  n_majors = MAX (G_N_ELEMENTS (usual_majors), n_states / 50);
  for (guint i = 0; i < n_majors && states->len < MAX (n_states, G_N_ELEMENTS (usual_majors)); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;

      if (i < G_N_ELEMENTS (usual_majors))
        {
          id = g_strdup (usual_majors[i].id);
          name = g_strdup (usual_majors[i].name);
        }
      else
        {
          id = g_strdup_printf ("extra_%u", i);
          name = g_strdup_printf ("Extended %s %u",
                                  label_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (label_words))], i);
        }

      g_ptr_array_add (states, pb_agent_state_new (id, name, NULL));
      g_ptr_array_add (major_ids, g_steal_pointer (&id));
    }

  for (guint i = states->len; i < n_states; i++)
    {
      /* Minors go under Busy, Away and the extra majors: the usual account. */
      guint major_index = g_rand_int_range (rand, 2, major_ids->len);
      const char *major_id = g_ptr_array_index (major_ids, major_index);
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;

      if (g_strcmp0 (major_id, "wrap") == 0 || g_strcmp0 (major_id, "logged_out") == 0)
        major_id = "away";

      id = g_strdup_printf ("%s.minor_%u", major_id, i);
      name = g_strdup_printf ("%s %u", label_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (label_words))], i);
      g_ptr_array_add (states, pb_agent_state_new (id, name, major_id));
    }

  for (guint i = 0; i < n_statuses; i++)
    {
      g_autofree char *api_name = g_strdup_printf ("Status_%05u", i);
      g_autofree char *label = g_strdup_printf ("%s %u",
                                                label_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (label_words))], i);
      const char *channels[3] = { NULL, NULL, NULL };
      guint n_channels = g_rand_int_range (rand, 0, 3);

      for (guint c = 0; c < n_channels; c++)
        channels[c] = channel_names[(i + c) % G_N_ELEMENTS (channel_names)];

      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label, NULL, channels));
    }

  pb_configuration_set_account (config, "ACC-GENERATED", "Generated Contact Centre");
  pb_configuration_set_org (config, "00DGENERATED00000", "Generated Org", TRUE);
  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);

  for (guint i = 0; i < statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);

      if (states->len > 0 && g_rand_boolean (rand))
        {
          PbAgentState *state = g_ptr_array_index (states, g_rand_int_range (rand, 0, states->len));
          pb_configuration_set_presence_mapping (config, pb_presence_status_get_api_name (status),
                                                 pb_agent_state_get_id (state));
        }
    }

  for (guint i = 0; i < states->len; i++)
    {
      PbAgentState *state = g_ptr_array_index (states, i);
      const char *id = pb_agent_state_get_id (state);

      if (g_strcmp0 (id, "logged_out") == 0)
        pb_configuration_set_state_mapping (config, id, NULL);
      else if (statuses->len > 0 && (pb_agent_state_is_major (state) || g_rand_boolean (rand)))
        {
          PbPresenceStatus *status = g_ptr_array_index (statuses, g_rand_int_range (rand, 0, statuses->len));
          pb_configuration_set_state_mapping (config, id, pb_presence_status_get_api_name (status));
        }
    }

  return config;
}
