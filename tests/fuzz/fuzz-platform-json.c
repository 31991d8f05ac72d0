/* fuzz-platform-json.c: every reader of the contact-centre platform's
 * answers (docs/reliability.md, "Bad server answers")
 *
 * Each input goes through all the readers: a server may answer any
 * request with any body, so each must refuse what it cannot use, with
 * one line that says why, and never crash, leak or half-fill a result.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-fuzz.h"
#include "pb-platform-json.h"
#include "pb-remote-error.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbPlatformToken) token = pb_platform_json_parse_token (text, size, &error);
    if (token == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbPlatformAccount) account = pb_platform_json_parse_account (text, size, &error);
    if (account == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
    else
      g_assert_nonnull (account->id);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) states = pb_platform_json_parse_agent_states (text, size, &error);
    if (states == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
    else
      for (guint i = 0; i < states->len; i++)
        g_assert_nonnull (pb_agent_state_get_id (g_ptr_array_index (states, i)));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) fetched_at = NULL;
    g_autoptr(GPtrArray) statuses = pb_platform_json_parse_presence_statuses (text, size, &fetched_at, &error);
    if (statuses == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
    else
      for (guint i = 0; i < statuses->len; i++)
        g_assert_nonnull (pb_presence_status_get_api_name (g_ptr_array_index (statuses, i)));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbConfiguration) configuration = NULL;
    gint64 revision = -1;

    configuration = pb_platform_json_parse_configuration (text, size, &revision, &error);
    if (configuration == NULL)
      {
        pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
      }
    else
      {
        /* Whatever is read can be written back for a publish. */
        g_autoptr(GBytes) body = pb_platform_json_build_configuration (configuration);

        g_assert_nonnull (body);
        g_assert_cmpint (revision, >=, 0);
      }
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) findings = pb_platform_json_parse_errors (text, size, &error);
    if (findings == NULL)
      pb_fuzz_assert_refusal (error, PB_REMOTE_ERROR, PB_ERROR);
  }

  return 0;
}
