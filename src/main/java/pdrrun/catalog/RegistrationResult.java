package pdrrun.catalog;

/** Outcome of registering a grid: jobs created and jobs that were already registered. */
public record RegistrationResult(long modelId, int newJobs, int alreadyRegistered) {}
