package io.pricewire.service.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class whose assertions depend on cycles keeping pace (tier intervals, rate budgets refilling, an
 * outage lasting so many cycles). The build runs these one at a time after the others, which run two JVMs at
 * once (service/pom.xml): most classes spend their time waiting on the exchanges' rate budgets, not on CPU.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TimingSensitive.TAG)
public @interface TimingSensitive {
    String TAG = "timing";
}
