# Writes ocpp201_samples.json: valid and invalid payloads for a representative set of OCPP 2.0.1
# schemas (2.0.1 code spelling). Check against ocpp-rpc with ../tools/ocpp_rpc_parity.js.
import json
TS = "2024-05-01T12:00:00Z"
F, P, O, T = "FormatViolation", "PropertyConstraintViolation", "OccurrenceConstraintViolation", "TypeConstraintViolation"
def inv(payload, code, path): return {"payload": payload, "code": code, "path": path}
tok = {"idToken": "04A2B3C4D5E6F7", "type": "ISO14443"}
comp = {"name": "OCPPCommCtrlr"}
var = {"name": "HeartbeatInterval"}
sv = {"value": 1234.5, "context": "Sample.Periodic", "measurand": "Energy.Active.Import.Register", "unitOfMeasure": {"unit": "Wh", "multiplier": 0}}
profile = {"id": 1, "stackLevel": 0, "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute", "chargingSchedule": [{"id": 1, "chargingRateUnit": "A", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 16.5}]}]}
def sched(**kw):
    p = json.loads(json.dumps(profile)); p["chargingSchedule"][0].update(kw); return p
S = [
 ("BootNotification.req", [{"reason": "PowerUp", "chargingStation": {"model": "Fast-22", "vendorName": "Acme", "serialNumber": "SN-1", "firmwareVersion": "2.0.1", "modem": {"iccid": "8944", "imsi": "2600"}}}, {"reason": "Unknown", "chargingStation": {"model": "M", "vendorName": "V"}, "customData": {"vendorId": "com.acme", "anything": [1, 2]}}],
  [inv({"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": 7}}, T, "/chargingStation/vendorName"), inv({"reason": "PowerUp", "chargingStation": {"model": "M"}}, O, "/chargingStation/vendorName"), inv({"reason": "Switched", "chargingStation": {"model": "M", "vendorName": "V"}}, F, "/reason"), inv({"reason": "PowerUp", "chargingStation": {"model": "M", "vendorName": "V"}, "customData": {"x": 1}}, O, "/customData/vendorId")]),
 ("BootNotification.conf", [{"currentTime": TS, "interval": 300, "status": "Accepted"}, {"currentTime": TS, "interval": 0, "status": "Pending", "statusInfo": {"reasonCode": "Maintenance"}}],
  [inv({"currentTime": TS, "interval": 300, "status": "Accepted", "statusInfo": {"reasonCode": "r"*21}}, F, "/statusInfo/reasonCode"), inv({"currentTime": TS, "status": "Accepted"}, O, "/interval")]),
 ("Heartbeat.req", [{}], [inv({"x": 1}, P, "/x")]),
 ("Heartbeat.conf", [{"currentTime": TS}], [inv({"currentTime": "yesterday"}, F, "/currentTime")]),
 ("StatusNotification.req", [{"timestamp": TS, "connectorStatus": "Occupied", "evseId": 1, "connectorId": 1}], [inv({"timestamp": TS, "connectorStatus": "Charging", "evseId": 1, "connectorId": 1}, F, "/connectorStatus"), inv({"timestamp": TS, "connectorStatus": "Available", "evseId": 1}, O, "/connectorId")]),
 ("StatusNotification.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("Authorize.req", [{"idToken": tok}, {"idToken": dict(tok, additionalInfo=[{"additionalIdToken": "x", "type": "y"}])}], [inv({"idToken": {"idToken": "t"*37, "type": "ISO14443"}}, F, "/idToken/idToken"), inv({"idToken": dict(tok, additionalInfo=[])}, O, "/idToken/additionalInfo"), inv({"idToken": {"idToken": "abc", "type": "RFID"}}, F, "/idToken/type")]),
 ("Authorize.conf", [{"idTokenInfo": {"status": "Accepted", "cacheExpiryDateTime": "2025-01-01T00:00:00Z", "evseId": [1, 2]}}], [inv({"idTokenInfo": {"status": "Accepted", "evseId": []}}, O, "/idTokenInfo/evseId"), inv({"idTokenInfo": {"status": "Accepted", "evseId": ["1"]}}, T, "/idTokenInfo/evseId/0")]),
 ("TransactionEvent.req", [
    {"eventType": "Started", "timestamp": TS, "triggerReason": "Authorized", "seqNo": 0, "transactionInfo": {"transactionId": "tx-0001", "chargingState": "Charging", "remoteStartId": 5}, "evse": {"id": 1, "connectorId": 1}, "idToken": tok, "meterValue": [{"timestamp": TS, "sampledValue": [sv]}]},
    {"eventType": "Ended", "timestamp": TS, "triggerReason": "EVCommunicationLost", "seqNo": 7, "offline": True, "transactionInfo": {"transactionId": "tx-0001", "stoppedReason": "EVDisconnected"}}],
  [inv({"eventType": "Started", "timestamp": TS, "triggerReason": "Authorized", "seqNo": "0", "transactionInfo": {"transactionId": "t"}}, T, "/seqNo"),
   inv({"eventType": "Started", "timestamp": TS, "triggerReason": "Authorized", "seqNo": 0, "transactionInfo": {"transactionId": "t"*37}}, F, "/transactionInfo/transactionId"),
   inv({"eventType": "Updated", "timestamp": TS, "triggerReason": "MeterValuePeriodic", "seqNo": 1, "transactionInfo": {"transactionId": "t"}, "meterValue": [{"timestamp": TS, "sampledValue": []}]}, O, "/meterValue/0/sampledValue"),
   inv({"eventType": "Updated", "timestamp": TS, "triggerReason": "MeterValuePeriodic", "seqNo": 1, "transactionInfo": {"transactionId": "t"}, "meterValue": [{"timestamp": TS, "sampledValue": [dict(sv, value="1234.5")]}]}, T, "/meterValue/0/sampledValue/0/value"),
   inv({"eventType": "Updated", "timestamp": TS, "triggerReason": "MeterValuePeriodic", "seqNo": 1}, O, "/transactionInfo")]),
 ("TransactionEvent.conf", [{}, {"totalCost": 12.34, "idTokenInfo": {"status": "Accepted"}, "updatedPersonalMessage": {"format": "UTF8", "content": "Thank you"}}], [inv({"totalCost": "12.34"}, T, "/totalCost"), inv({"updatedPersonalMessage": {"format": "Markdown", "content": "x"}}, F, "/updatedPersonalMessage/format")]),
 ("MeterValues.req", [{"evseId": 1, "meterValue": [{"timestamp": TS, "sampledValue": [sv, {"value": 7200, "measurand": "Power.Active.Import", "phase": "L1"}]}]}], [inv({"evseId": 1, "meterValue": []}, O, "/meterValue"), inv({"evseId": 1, "meterValue": [{"timestamp": TS, "sampledValue": [dict(sv, unitOfMeasure={"unit": "W", "multiplier": 0.5})]}]}, T, "/meterValue/0/sampledValue/0/unitOfMeasure/multiplier")]),
 ("MeterValues.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("RequestStartTransaction.req", [{"remoteStartId": 5, "idToken": tok, "evseId": 1}, {"remoteStartId": 6, "idToken": tok, "chargingProfile": dict(profile, transactionId="tx-1")}], [inv({"idToken": tok}, O, "/remoteStartId"), inv({"remoteStartId": 5, "idToken": tok, "chargingProfile": sched(chargingSchedulePeriod=[])}, O, "/chargingProfile/chargingSchedule/0/chargingSchedulePeriod"), inv({"remoteStartId": 5, "idToken": tok, "chargingProfile": dict(profile, chargingSchedule=[profile["chargingSchedule"][0]]*4)}, O, "/chargingProfile/chargingSchedule")]),
 ("RequestStartTransaction.conf", [{"status": "Accepted", "transactionId": "tx-1"}], [inv({"status": "Accepted", "transactionId": 1}, T, "/transactionId")]),
 ("RequestStopTransaction.req", [{"transactionId": "tx-0001"}], [inv({"transactionId": "t"*37}, F, "/transactionId"), inv({}, O, "/transactionId")]),
 ("RequestStopTransaction.conf", [{"status": "Rejected", "statusInfo": {"reasonCode": "UnknownTx", "additionalInfo": "no such transaction"}}], [inv({"status": "Rejected", "statusInfo": {"additionalInfo": "x"}}, O, "/statusInfo/reasonCode")]),
 ("GetVariables.req", [{"getVariableData": [{"component": comp, "variable": var}, {"component": {"name": "EVSE", "evse": {"id": 1}}, "variable": {"name": "Power"}, "attributeType": "MaxSet"}]}], [inv({"getVariableData": []}, O, "/getVariableData"), inv({"getVariableData": [{"component": comp, "variable": var, "attributeType": "Minimum"}]}, F, "/getVariableData/0/attributeType")]),
 ("GetVariables.conf", [{"getVariableResult": [{"attributeStatus": "Accepted", "attributeValue": "300", "component": comp, "variable": var}]}], [inv({"getVariableResult": [{"attributeStatus": "Accepted", "component": comp, "variable": {"name": "n"*51}}]}, F, "/getVariableResult/0/variable/name")]),
 ("SetVariables.req", [{"setVariableData": [{"attributeValue": "60", "component": comp, "variable": var}]}], [inv({"setVariableData": [{"component": comp, "variable": var}]}, O, "/setVariableData/0/attributeValue"), inv({"setVariableData": [{"attributeValue": 60, "component": comp, "variable": var}]}, T, "/setVariableData/0/attributeValue")]),
 ("SetVariables.conf", [{"setVariableResult": [{"attributeStatus": "RebootRequired", "component": comp, "variable": var}]}], [inv({"setVariableResult": [{"attributeStatus": "Done", "component": comp, "variable": var}]}, F, "/setVariableResult/0/attributeStatus")]),
 ("NotifyReport.req", [{"requestId": 1, "generatedAt": TS, "seqNo": 0, "tbc": False, "reportData": [{"component": comp, "variable": var, "variableAttribute": [{"type": "Actual", "value": "300", "mutability": "ReadWrite", "persistent": True, "constant": False}], "variableCharacteristics": {"dataType": "integer", "supportsMonitoring": True, "unit": "s", "minLimit": 1, "maxLimit": 86400.5}}]}],
  [inv({"requestId": 1, "generatedAt": TS, "seqNo": 0, "reportData": [{"component": comp, "variable": var, "variableAttribute": [{"type": "Actual"}] * 5}]}, O, "/reportData/0/variableAttribute"), inv({"requestId": 1, "generatedAt": TS, "seqNo": 0, "reportData": [{"component": comp, "variable": var, "variableAttribute": [{"type": "Actual"}], "variableCharacteristics": {"dataType": "number", "supportsMonitoring": True}}]}, F, "/reportData/0/variableCharacteristics/dataType")]),
 ("NotifyReport.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("Reset.req", [{"type": "OnIdle"}, {"type": "Immediate", "evseId": 1}], [inv({"type": "Hard"}, F, "/type")]),
 ("Reset.conf", [{"status": "Scheduled"}], [inv({}, O, "/status")]),
 ("ChangeAvailability.req", [{"operationalStatus": "Inoperative", "evse": {"id": 1, "connectorId": 1}}], [inv({"operationalStatus": "Inoperative", "evse": {"connectorId": 1}}, O, "/evse/id"), inv({"operationalStatus": "Down"}, F, "/operationalStatus")]),
 ("ChangeAvailability.conf", [{"status": "Accepted"}], [inv({"status": "Accepted", "statusInfo": {"reasonCode": 5}}, T, "/statusInfo/reasonCode")]),
 ("TriggerMessage.req", [{"requestedMessage": "StatusNotification", "evse": {"id": 1, "connectorId": 1}}], [inv({"requestedMessage": "DiagnosticsStatusNotification"}, F, "/requestedMessage")]),
 ("TriggerMessage.conf", [{"status": "NotImplemented"}], [inv({"status": "Done"}, F, "/status")]),
 ("UnlockConnector.req", [{"evseId": 1, "connectorId": 1}], [inv({"evseId": 1, "connectorId": "1"}, T, "/connectorId")]),
 ("UnlockConnector.conf", [{"status": "OngoingAuthorizedTransaction"}], [inv({"status": "Locked"}, F, "/status")]),
 ("SetChargingProfile.req", [{"evseId": 0, "chargingProfile": dict(profile, chargingProfilePurpose="ChargingStationMaxProfile", chargingProfileKind="Recurring", recurrencyKind="Daily", validFrom=TS)}],
  [inv({"evseId": 1, "chargingProfile": sched(salesTariff={"id": 1, "salesTariffEntry": [{"relativeTimeInterval": {"start": 0}, "ePriceLevel": -1}]})}, F, "/chargingProfile/chargingSchedule/0/salesTariff/salesTariffEntry/0/ePriceLevel"), inv({"evseId": 1, "chargingProfile": sched(chargingRateUnit="kW")}, F, "/chargingProfile/chargingSchedule/0/chargingRateUnit")]),
 ("SetChargingProfile.conf", [{"status": "Accepted"}], [inv({"status": "NotSupported"}, F, "/status")]),
 ("SecurityEventNotification.req", [{"type": "SettingSystemTime", "timestamp": TS, "techInfo": "NTP"}], [inv({"type": "t"*51, "timestamp": TS}, F, "/type")]),
 ("SecurityEventNotification.conf", [{}], [inv({"x": 1}, P, "/x")]),
 ("SignCertificate.req", [{"csr": "-----BEGIN CERTIFICATE REQUEST-----", "certificateType": "V2GCertificate"}], [inv({"csr": "c", "certificateType": "RootCertificate"}, F, "/certificateType")]),
 ("SignCertificate.conf", [{"status": "Accepted"}], [inv({"status": 0}, T, "/status")]),
 ("CertificateSigned.req", [{"certificateChain": "-----BEGIN CERTIFICATE-----", "certificateType": "ChargingStationCertificate"}], [inv({"certificateType": "ChargingStationCertificate"}, O, "/certificateChain")]),
 ("CertificateSigned.conf", [{"status": "Rejected"}], [inv({"status": "Failed"}, F, "/status")]),
 ("DataTransfer.req", [{"vendorId": "com.acme", "messageId": "Tariff", "data": {"price": 12, "currency": "EUR"}}, {"vendorId": "com.acme", "data": [1, "two", None]}], [inv({"messageId": "x"}, O, "/vendorId"), inv({"vendorId": "v"*256}, F, "/vendorId")]),
 ("DataTransfer.conf", [{"status": "Accepted", "data": "anything"}], [inv({"status": "Maybe"}, F, "/status")]),
 ("FirmwareStatusNotification.req", [{"status": "Installed", "requestId": 3}], [inv({"status": "Done"}, F, "/status")]),
 ("FirmwareStatusNotification.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("GetLog.req", [{"log": {"remoteLocation": "https://logs.example.com/upload", "oldestTimestamp": TS}, "logType": "DiagnosticsLog", "requestId": 1}], [inv({"log": {"remoteLocation": "https://x", "latestTimestamp": "2024-05-01T25:00:00Z"}, "logType": "DiagnosticsLog", "requestId": 1}, F, "/log/latestTimestamp")]),
 ("GetLog.conf", [{"status": "Accepted", "filename": "diag.zip"}], [inv({"status": "Accepted", "filename": "f"*256}, F, "/filename")]),
 ("NotifyEvent.req", [{"generatedAt": TS, "seqNo": 0, "eventData": [{"eventId": 1, "timestamp": TS, "trigger": "Alerting", "actualValue": "true", "component": {"name": "Connector", "evse": {"id": 1, "connectorId": 1}}, "variable": {"name": "Problem"}, "eventNotificationType": "HardWiredNotification"}]}], [inv({"generatedAt": TS, "seqNo": 0, "eventData": [{"eventId": 1, "timestamp": TS, "trigger": "Alerting", "actualValue": "true", "component": comp, "variable": var, "eventNotificationType": "Custom"}]}, F, "/eventData/0/eventNotificationType")]),
 ("NotifyEvent.conf", [{}], [inv({"ok": True}, P, "/ok")]),
 ("SendLocalList.req", [{"versionNumber": 2, "updateType": "Full", "localAuthorizationList": [{"idToken": tok, "idTokenInfo": {"status": "Accepted"}}]}], [inv({"versionNumber": 2, "updateType": "Full", "localAuthorizationList": []}, O, "/localAuthorizationList")]),
 ("SendLocalList.conf", [{"status": "VersionMismatch"}], [inv({"status": "NotSupported"}, F, "/status")]),
 ("ReserveNow.req", [{"id": 1, "expiryDateTime": "2024-05-01T13:00:00Z", "idToken": tok, "evseId": 1, "connectorType": "cType2"}], [inv({"id": 1, "expiryDateTime": TS, "idToken": tok, "connectorType": "Type2"}, F, "/connectorType")]),
 ("ReserveNow.conf", [{"status": "Faulted"}], [inv({"status": "Broken"}, F, "/status")]),
 ("GetBaseReport.req", [{"requestId": 1, "reportBase": "FullInventory"}], [inv({"requestId": 1.5, "reportBase": "FullInventory"}, T, "/requestId")]),
 ("GetBaseReport.conf", [{"status": "EmptyResultSet"}], [inv({"status": "Empty"}, F, "/status")]),
 ("ClearCache.req", [{}], [inv({"all": True}, P, "/all")]),
 ("ClearCache.conf", [{"status": "Accepted"}], [inv({}, O, "/status")]),
 ("GetTransactionStatus.req", [{}, {"transactionId": "tx-0001"}], [inv({"transactionId": 1}, T, "/transactionId")]),
 ("GetTransactionStatus.conf", [{"messagesInQueue": False, "ongoingIndicator": True}], [inv({"ongoingIndicator": True}, O, "/messagesInQueue"), inv({"messagesInQueue": "no"}, T, "/messagesInQueue")]),
 ("NotifyEVChargingNeeds.req", [{"evseId": 1, "chargingNeeds": {"requestedEnergyTransfer": "DC", "dcChargingParameters": {"evMaxCurrent": 200, "evMaxVoltage": 800, "stateOfCharge": 42}}}], [inv({"evseId": 1, "chargingNeeds": {"requestedEnergyTransfer": "DC", "dcChargingParameters": {"evMaxCurrent": 200, "evMaxVoltage": 800, "stateOfCharge": 101}}}, F, "/chargingNeeds/dcChargingParameters/stateOfCharge")]),
 ("NotifyEVChargingNeeds.conf", [{"status": "Accepted"}], [inv({"status": "Processing", "extra": 1}, P, "/extra")]),
]
out = [{"schema": s, "valid": v, "invalid": i} for s, v, i in S]

json.dump(out, open("ocpp201_samples.json", "w"), indent=1)
