/* pb-fuzz.c: what the fuzz targets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A warning or a critical is a bug the fuzzer should stop at. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

void
pb_fuzz_assert_refusal (const GError *error,
                        GQuark        domain,
                        GQuark        other_domain)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == domain || error->domain == other_domain);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (strchr (error->message, '\n'));
}
