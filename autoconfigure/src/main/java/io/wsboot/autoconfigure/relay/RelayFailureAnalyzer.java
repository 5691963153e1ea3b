package io.wsboot.autoconfigure.relay;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a {@link RelayUnavailableException} in Spring Boot's "APPLICATION FAILED TO
 * START" form.
 */
class RelayFailureAnalyzer extends AbstractFailureAnalyzer<RelayUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RelayUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
