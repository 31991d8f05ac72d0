/* fuzz-config-file.c: the configuration file reader, and what a file that
 * loads goes through next (checks, preview, export, import again)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <string.h>

#include "pb-core.h"
#include "pb-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 24, 12, 0, 0);
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(PbConfiguration) reread = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length, length_again;

  configuration = pb_config_file_load_bytes (bytes, &error);
  if (configuration == NULL)
    {
      /* Every refusal says why, on one line. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == PB_ERROR);
      g_assert_null (strchr (error->message, '\n'));
      return 0;
    }
  g_assert_no_error (error);

  findings = pb_checks_run (configuration);
  events = pb_preview_build (configuration);

  /* What loads is written back and reads back the same, but for the one
   * documented normalisation: Logged out is always offline, and export
   * always writes "logged_out": null (docs/decisions.md). */
  text = pb_config_file_to_data (configuration, time, &length);
  written = g_bytes_new_static (text, length);
  reread = pb_config_file_load_bytes (written, &error);
  g_assert_no_error (error);
  if (pb_configuration_lookup_state (configuration, PB_STATE_ID_LOGGED_OUT) != NULL ||
      pb_configuration_get_state_mapping (configuration, PB_STATE_ID_LOGGED_OUT, NULL))
    pb_configuration_set_state_mapping (configuration, PB_STATE_ID_LOGGED_OUT, NULL);
  g_assert_true (pb_configuration_equal (configuration, reread));
  changes = pb_diff_configurations (configuration, reread);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 0);
  text_again = pb_config_file_to_data (reread, time, &length_again);
  g_assert_cmpmem (text, length, text_again, length_again);

  return 0;
}
