// Every job handler, registered by importing the modules that define them. The worker (and tests
// that run jobs) import this file once.
import "../actions/notifications";
import "../actions/reveal";
import "../decisions/closing";
import "../retention/retention";
import "../messages/email";
