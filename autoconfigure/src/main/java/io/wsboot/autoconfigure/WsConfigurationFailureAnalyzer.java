package io.wsboot.autoconfigure;

import io.wsboot.server.WsConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a {@link WsConfigurationException} in Spring Boot's "APPLICATION FAILED TO
 * START" form, with its description and action, instead of a stack trace.
 */
class WsConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<WsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsConfigurationException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
