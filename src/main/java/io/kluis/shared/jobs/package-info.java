/**
 * Scheduled jobs: the one switch ({@code kluis.jobs.enabled}) and the one cluster-wide lock for
 * work that must run on a single node at a time (ShedLock on the table {@code shared_job_locks}).
 */
@NullMarked
package io.kluis.shared.jobs;

import org.jspecify.annotations.NullMarked;
