/* pb-sim-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-sim-line.h"
#include "pb-sim-timeline.h"
#include "pb-util.h"

typedef struct _Run Run;

struct _PbSimTimeline
{
  GObject parent_instance;

  GListStore *lines;        /* shown: PbSimLine */
  GPtrArray  *shown;        /* the lines of the last update, equal item for item to `lines` */
  GListModel *steps;
  GListModel *comparisons;
  guint       n_flagged;
  guint       n_errors;
  guint       n_differing;

  Run        *run;          /* under way, or NULL */
  gboolean    busy;         /* as last notified */

  /* The saved revision's last run, and what it was a run of: a revision
   * is never changed in place (a new one is a new object). */
  PbConfiguration *saved;
  PbDayScript     *saved_day;
  GPtrArray       *saved_steps;
};

G_DEFINE_FINAL_TYPE (PbSimTimeline, pb_sim_timeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_busy (PbSimTimeline *self)
{
  gboolean busy = self->run != NULL;

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What an update replaced is freed in a worker thread: thousands of
 * steps, lines and flags. Nothing else holds them but the rows still
 * bound to a few lines, which keep those. */

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Released;

static void
released_clear (gpointer data)
{
  Released *released = data;

  released->destroy (released->data);
}

static GArray *
released_new (void)
{
  GArray *released = g_array_new (FALSE, FALSE, sizeof (Released));

  g_array_set_clear_func (released, released_clear);
  return released;
}

static void
add_released (GArray         *released,
              gpointer        data,
              GDestroyNotify  destroy)
{
  Released entry = { data, destroy };

  if (data != NULL)
    g_array_append_val (released, entry);
}

static void
release_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_array_unref (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
release_in_thread (GArray *released)
{
  g_autoptr(GTask) task = NULL;

  if (released->len == 0)
    {
      g_array_unref (released);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, release_in_thread);
  /* The thread drops the array, not the task's last reference (which
   * goes on the main thread). */
  g_task_set_task_data (task, released, NULL);
  g_task_run_in_thread (task, release_thread);
}

/* Which lines changed: steps are compared as groups (a step's line and
 * its flags' lines). Played from the same day, the timelines have as
 * many steps and each differing run of steps is one splice; otherwise
 * what lies between the equal steps at both ends is. */

typedef struct
{
  guint      position;  /* in the old timeline */
  guint      n_removed;
  GPtrArray *added;
} Splice;

static void
splice_clear (gpointer data)
{
  Splice *splice = data;

  g_clear_pointer (&splice->added, g_ptr_array_unref);
}

/* Where each step's group starts, then the number of lines. */
static GArray *
find_groups (GPtrArray *lines)
{
  guint n = lines ? lines->len : 0;
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    if (pb_sim_line_get_kind (g_ptr_array_index (lines, i)) == PB_SIM_LINE_STEP)
      g_array_append_val (starts, i);
  g_array_append_val (starts, n);

  return starts;
}

static gboolean
groups_equal (GPtrArray *old,
              GArray    *old_starts,
              guint      old_group,
              GPtrArray *fresh,
              GArray    *fresh_starts,
              guint      fresh_group)
{
  guint old_start = g_array_index (old_starts, guint, old_group);
  guint fresh_start = g_array_index (fresh_starts, guint, fresh_group);
  guint length = g_array_index (old_starts, guint, old_group + 1) - old_start;

  if (g_array_index (fresh_starts, guint, fresh_group + 1) - fresh_start != length)
    return FALSE;

  for (guint i = 0; i < length; i++)
    if (!pb_sim_line_equal (g_ptr_array_index (old, old_start + i), g_ptr_array_index (fresh, fresh_start + i)))
      return FALSE;

  return TRUE;
}

/* Groups [@old_first, @old_last) of @old become [@fresh_first,
 * @fresh_last) of @fresh. */
static void
add_splice (GArray    *splices,
            GArray    *old_starts,
            guint      old_first,
            guint      old_last,
            GPtrArray *fresh,
            GArray    *fresh_starts,
            guint      fresh_first,
            guint      fresh_last)
{
  guint position = g_array_index (old_starts, guint, old_first);
  guint fresh_start = g_array_index (fresh_starts, guint, fresh_first);
  guint fresh_end = g_array_index (fresh_starts, guint, fresh_last);
  Splice splice = {
    .position = position,
    .n_removed = g_array_index (old_starts, guint, old_last) - position,
    .added = g_ptr_array_new_full (fresh_end - fresh_start, g_object_unref),
  };

  for (guint i = fresh_start; i < fresh_end; i++)
    g_ptr_array_add (splice.added, g_object_ref (g_ptr_array_index (fresh, i)));

  if (splice.n_removed > 0 || splice.added->len > 0)
    g_array_append_val (splices, splice);
  else
    splice_clear (&splice);
}

/* The splices that turn @old (NULL: nothing) into @fresh, first to last. */
static GArray *
diff_timelines (GPtrArray *old,
                GPtrArray *fresh)
{
  g_autoptr(GArray) old_starts = find_groups (old);
  g_autoptr(GArray) fresh_starts = find_groups (fresh);
  guint n_old = old_starts->len - 1;
  guint n_fresh = fresh_starts->len - 1;
  GArray *splices = g_array_new (FALSE, FALSE, sizeof (Splice));
  guint prefix = 0;
  guint suffix = 0;

  g_array_set_clear_func (splices, splice_clear);

  while (prefix < n_old && prefix < n_fresh &&
         groups_equal (old, old_starts, prefix, fresh, fresh_starts, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_fresh - prefix &&
         groups_equal (old, old_starts, n_old - 1 - suffix, fresh, fresh_starts, n_fresh - 1 - suffix))
    suffix++;

  if (n_old != n_fresh)
    {
      add_splice (splices, old_starts, prefix, n_old - suffix, fresh, fresh_starts, prefix, n_fresh - suffix);
      return splices;
    }

  /* The same day: each run of differing steps on its own, so that the
   * rows of the steps in between stay as they are. */
  for (guint group = prefix; group < n_old - suffix;)
    {
      guint first = group;

      while (group < n_old - suffix && !groups_equal (old, old_starts, group, fresh, fresh_starts, group))
        group++;
      if (group > first)
        add_splice (splices, old_starts, first, group, fresh, fresh_starts, first, group);
      else
        group++;
    }

  return splices;
}

/* Runs */

/* A model of the runs is read by one thread at a time (a GListStore
 * remembers its last lookup); what two runs share is an array. */
struct _Run
{
  PbSimTimeline   *timeline;     /* NULL once overtaken or the timeline is gone */
  GCancellable    *cancellable;
  PbDayScript     *day;
  PbConfiguration *saved;        /* compared with, or NULL */
  GListModel      *steps;
  GListModel      *saved_run;    /* the saved revision played now ... */
  GPtrArray       *saved_steps;  /* ... or its steps played before */
  guint            n_pending;

  /* Worked out in a worker thread from the runs. */
  GPtrArray       *shown;        /* what the lines were when the work began */
  GListModel      *comparisons;
  GPtrArray       *lines;
  GArray          *splices;
  guint            n_flagged;
  guint            n_errors;
  guint            n_differing;
};

static void
run_free (Run *run)
{
  GArray *released = released_new ();

  g_clear_object (&run->cancellable);
  g_clear_object (&run->day);
  g_clear_object (&run->saved);
  add_released (released, g_steal_pointer (&run->steps), g_object_unref);
  add_released (released, g_steal_pointer (&run->saved_run), g_object_unref);
  add_released (released, g_steal_pointer (&run->saved_steps), (GDestroyNotify)g_ptr_array_unref);
  add_released (released, g_steal_pointer (&run->shown), (GDestroyNotify)g_ptr_array_unref);
  add_released (released, g_steal_pointer (&run->comparisons), g_object_unref);
  add_released (released, g_steal_pointer (&run->lines), (GDestroyNotify)g_ptr_array_unref);
  add_released (released, g_steal_pointer (&run->splices), (GDestroyNotify)g_array_unref);
  release_in_thread (released);
  g_free (run);
}

/* Lets the run finish on its own (its results are dropped). */
static void
detach_run (PbSimTimeline *self)
{
  if (self->run == NULL)
    return;

  g_cancellable_cancel (self->run->cancellable);
  self->run->timeline = NULL;
  self->run = NULL;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Run *run = task_data;
  guint n_steps = g_list_model_get_n_items (run->steps);

  if (run->saved_run != NULL)
    run->saved_steps = pb_list_model_to_array (run->saved_run);
  if (run->saved_steps != NULL)
    {
      /* A model of this thread's own, over the shared array. */
      g_autoptr(GListStore) saved = g_list_store_new (PB_TYPE_SIM_STEP);

      g_list_store_splice (saved, 0, 0, run->saved_steps->pdata, run->saved_steps->len);
      run->comparisons = pb_simulation_compare (G_LIST_MODEL (saved), run->steps);
    }
  run->lines = pb_sim_line_build_timeline (run->steps, run->comparisons);
  if (g_task_return_error_if_cancelled (task))
    return;

  run->splices = diff_timelines (run->shown, run->lines);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (run->steps, i);
      g_autoptr(PbSimComparison) comparison = run->comparisons ? g_list_model_get_item (run->comparisons, i) : NULL;

      if (pb_sim_step_get_n_flags (step) > 0)
        run->n_flagged++;
      if (comparison != NULL && pb_sim_comparison_get_differences (comparison) != PB_SIM_DIFFERENCE_NONE)
        run->n_differing++;
    }
  run->n_errors = pb_simulation_count_flags (run->steps, PB_SEVERITY_ERROR);

  g_task_return_boolean (task, TRUE);
}

static void
apply_run (PbSimTimeline *self,
           Run           *run)
{
  GArray *released = released_new ();

  add_released (released, g_steal_pointer (&self->shown), (GDestroyNotify)g_ptr_array_unref);
  add_released (released, g_steal_pointer (&self->steps), g_object_unref);
  add_released (released, g_steal_pointer (&self->comparisons), g_object_unref);
  self->shown = g_steal_pointer (&run->lines);
  self->steps = g_steal_pointer (&run->steps);
  self->comparisons = g_steal_pointer (&run->comparisons);
  self->n_flagged = run->n_flagged;
  self->n_errors = run->n_errors;
  self->n_differing = run->n_differing;

  /* Last first: the positions of the earlier ones stay right. */
  for (guint i = run->splices->len; i > 0; i--)
    {
      Splice *splice = &g_array_index (run->splices, Splice, i - 1);

      g_list_store_splice (self->lines, splice->position, splice->n_removed,
                           splice->added->pdata, splice->added->len);
    }

  release_in_thread (released);
}

static void
prepare_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  PbSimTimeline *self = run->timeline;

  if (self == NULL || !g_task_propagate_boolean (G_TASK (result), NULL))
    {
      run_free (run);
      return;
    }

  g_assert (self->run == run);
  self->run = NULL;
  if (run->saved_run != NULL)
    {
      g_set_object (&self->saved, run->saved);
      g_set_object (&self->saved_day, run->day);
      g_clear_pointer (&self->saved_steps, g_ptr_array_unref);
      self->saved_steps = g_ptr_array_ref (run->saved_steps);
    }
  apply_run (self, run);
  run_free (run);
  update_busy (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* Both runs are done: the rest of the work in a thread too. */
static void
run_part_done (Run *run)
{
  PbSimTimeline *self = run->timeline;
  g_autoptr(GTask) task = NULL;

  if (--run->n_pending > 0)
    return;

  if (self == NULL || run->steps == NULL || (run->saved != NULL && run->saved_run == NULL && run->saved_steps == NULL))
    {
      /* Only a cancelled run gets here, and cancelling detaches it; were
       * it still the timeline's, the timeline lets go of it first. */
      if (self != NULL)
        {
          detach_run (self);
          update_busy (self);
        }
      run_free (run);
      return;
    }

  run->shown = self->shown ? g_ptr_array_ref (self->shown) : NULL;
  task = g_task_new (NULL, run->cancellable, prepare_done, run);
  g_task_set_source_tag (task, run_part_done);
  g_task_set_task_data (task, run, NULL);
  g_task_run_in_thread (task, prepare_thread);
}

static void
draft_run_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  /* Only a cancelled run has no steps. */
  run->steps = pb_simulation_run_finish (result, NULL);
  run_part_done (run);
}

static void
saved_run_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->saved_run = pb_simulation_run_finish (result, NULL);
  run_part_done (run);
}

static gboolean
days_equal (PbDayScript *a,
            PbDayScript *b)
{
  guint n = pb_day_script_get_n_events (a);

  if (a == b)
    return TRUE;
  if (b == NULL || pb_day_script_get_n_events (b) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      PbDayEventType type = pb_day_script_get_event_type (a, i);

      if (pb_day_script_get_event_type (b, i) != type ||
          g_strcmp0 (pb_day_script_get_event_subject (a, i), pb_day_script_get_event_subject (b, i)) != 0 ||
          (type == PB_DAY_EVENT_CALL &&
           pb_day_script_get_call_direction (a, i) != pb_day_script_get_call_direction (b, i)))
        return FALSE;
    }

  return TRUE;
}

void
pb_sim_timeline_play (PbSimTimeline   *self,
                      PbConfiguration *draft,
                      PbDayScript     *day,
                      PbConfiguration *saved)
{
  Run *run;

  g_return_if_fail (PB_IS_SIM_TIMELINE (self));
  g_return_if_fail (PB_IS_CONFIGURATION (draft));
  g_return_if_fail (PB_IS_DAY_SCRIPT (day));
  g_return_if_fail (saved == NULL || PB_IS_CONFIGURATION (saved));

  /* A run under way is stale: it stops at its next look at the
   * cancellable, and this one starts now rather than after it. */
  detach_run (self);

  run = g_new0 (Run, 1);
  run->timeline = self;
  run->cancellable = g_cancellable_new ();
  run->day = g_object_ref (day);
  run->saved = saved ? g_object_ref (saved) : NULL;
  run->n_pending = 1;
  self->run = run;

  pb_simulation_run_async (draft, day, run->cancellable, draft_run_cb, run);
  if (saved != NULL && saved == self->saved && days_equal (day, self->saved_day))
    {
      run->saved_steps = g_ptr_array_ref (self->saved_steps);
    }
  else if (saved != NULL)
    {
      run->n_pending++;
      pb_simulation_run_async (saved, day, run->cancellable, saved_run_cb, run);
    }

  update_busy (self);
}

void
pb_sim_timeline_clear (PbSimTimeline *self)
{
  GArray *released = released_new ();

  g_return_if_fail (PB_IS_SIM_TIMELINE (self));

  detach_run (self);
  g_list_store_remove_all (self->lines);
  add_released (released, g_steal_pointer (&self->shown), (GDestroyNotify)g_ptr_array_unref);
  add_released (released, g_steal_pointer (&self->steps), g_object_unref);
  add_released (released, g_steal_pointer (&self->comparisons), g_object_unref);
  release_in_thread (released);
  self->n_flagged = self->n_errors = self->n_differing = 0;

  update_busy (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

GListModel *
pb_sim_timeline_get_lines (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), NULL);
  return G_LIST_MODEL (self->lines);
}

GListModel *
pb_sim_timeline_get_steps (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), NULL);
  return self->steps;
}

GListModel *
pb_sim_timeline_get_comparisons (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), NULL);
  return self->comparisons;
}

guint
pb_sim_timeline_get_n_flagged (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), 0);
  return self->n_flagged;
}

guint
pb_sim_timeline_get_n_errors (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), 0);
  return self->n_errors;
}

guint
pb_sim_timeline_get_n_differing (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), 0);
  return self->n_differing;
}

gboolean
pb_sim_timeline_get_busy (PbSimTimeline *self)
{
  g_return_val_if_fail (PB_IS_SIM_TIMELINE (self), FALSE);
  return self->run != NULL;
}

/* GObject */

static void
pb_sim_timeline_dispose (GObject *object)
{
  PbSimTimeline *self = (PbSimTimeline *)object;

  detach_run (self);
  g_clear_object (&self->lines);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->steps);
  g_clear_object (&self->comparisons);
  g_clear_object (&self->saved);
  g_clear_object (&self->saved_day);
  g_clear_pointer (&self->saved_steps, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sim_timeline_parent_class)->dispose (object);
}

static void
pb_sim_timeline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbSimTimeline *self = PB_SIM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pb_sim_timeline_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sim_timeline_class_init (PbSimTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_sim_timeline_dispose;
  object_class->get_property = pb_sim_timeline_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSimTimeline::updated:
   *
   * The lines show the last request (or nothing, after a clear).
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_sim_timeline_init (PbSimTimeline *self)
{
  self->lines = g_list_store_new (PB_TYPE_SIM_LINE);
}

PbSimTimeline *
pb_sim_timeline_new (void)
{
  return g_object_new (PB_TYPE_SIM_TIMELINE, NULL);
}
