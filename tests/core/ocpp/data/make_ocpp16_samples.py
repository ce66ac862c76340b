# Writes ocpp16_samples.json: one valid and at least one invalid payload (with the CALLERROR code
# ChargeDesk answers, 1.6 spelling, and the offending JSON path) for every OCPP 1.6 schema.
# Re-run after editing; check the result against ocpp-rpc with ../tools/ocpp_rpc_parity.js.
import json
TS = "2024-05-01T12:00:00Z"
F, P, O, T = "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation", "TypeConstraintViolation"
def inv(payload, code, path): return {"payload": payload, "code": code, "path": path}
sched = {"chargingRateUnit": "W", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11000.0, "numberPhases": 3}], "duration": 3600, "startSchedule": TS, "minChargingRate": 1.5}
profile = {"chargingProfileId": 7, "transactionId": 42, "stackLevel": 1, "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute", "validFrom": TS, "validTo": "2024-06-01T00:00:00Z", "chargingSchedule": sched}
def with_limit(limit):
    p = json.loads(json.dumps(profile)); p["chargingSchedule"]["chargingSchedulePeriod"][0]["limit"] = limit; return p
hashdata = {"hashAlgorithm": "SHA256", "issuerNameHash": "a1b2c3", "issuerKeyHash": "d4e5f6", "serialNumber": "0123456789"}
sv = {"value": "1234.5", "context": "Sample.Periodic", "format": "Raw", "measurand": "Energy.Active.Import.Register", "phase": "L1", "location": "Outlet", "unit": "Wh"}
idTagInfo = {"status": "Accepted", "expiryDate": "2025-01-01T00:00:00Z", "parentIdTag": "PARENT-1"}
S = [
 ("Authorize.req", [{"idTag": "04A2B3C4D5E6F7"}], [inv({}, O, "/idTag"), inv({"idTag": "X"*21}, F, "/idTag"), inv({"idTag": 1234}, T, "/idTag")]),
 ("Authorize.conf", [{"idTagInfo": idTagInfo}, {"idTagInfo": {"status": "ConcurrentTx"}}], [inv({"idTagInfo": {"status": "Unknown"}}, F, "/idTagInfo/status"), inv({"idTagInfo": {"status": "Accepted", "expiryDate": "tomorrow"}}, F, "/idTagInfo/expiryDate"), inv({"idTagInfo": {}}, O, "/idTagInfo/status")]),
 ("BootNotification.req", [{"chargePointVendor": "Acme", "chargePointModel": "Fast-22", "chargePointSerialNumber": "SN-1", "chargeBoxSerialNumber": "BOX-1", "firmwareVersion": "1.2.3", "iccid": "8944", "imsi": "2600", "meterType": "ABB", "meterSerialNumber": "M-1"}], [inv({"chargePointVendor": "Acme"}, O, "/chargePointModel"), inv({"chargePointVendor": "Acme", "chargePointModel": "M", "firmwareVersion": "v"*51}, F, "/firmwareVersion"), inv({"chargePointVendor": "Acme", "chargePointModel": "M", "colour": "red"}, P, "/colour")]),
 ("BootNotification.conf", [{"status": "Accepted", "currentTime": TS, "interval": 300}], [inv({"status": "Accepted", "currentTime": TS, "interval": 1.5}, T, "/interval"), inv({"status": "Maybe", "currentTime": TS, "interval": 300}, F, "/status"), inv({"status": "Accepted", "interval": 300}, O, "/currentTime")]),
 ("CancelReservation.req", [{"reservationId": 17}], [inv({"reservationId": "17"}, T, "/reservationId"), inv({}, O, "/reservationId")]),
 ("CancelReservation.conf", [{"status": "Rejected"}], [inv({"status": "Unknown"}, F, "/status")]),
 ("CertificateSigned.req", [{"certificateChain": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}], [inv({"certificateChain": "c"*10001}, F, "/certificateChain")]),
 ("CertificateSigned.conf", [{"status": "Accepted"}], [inv({"status": True}, T, "/status")]),
 ("ChangeAvailability.req", [{"connectorId": 0, "type": "Inoperative"}], [inv({"connectorId": 1, "type": "Broken"}, F, "/type"), inv({"type": "Operative"}, O, "/connectorId")]),
 ("ChangeAvailability.conf", [{"status": "Scheduled"}], [inv({"status": "Later"}, F, "/status")]),
 ("ChangeConfiguration.req", [{"key": "HeartbeatInterval", "value": "300"}], [inv({"key": "HeartbeatInterval", "value": 300}, T, "/value"), inv({"key": "k"*51, "value": "1"}, F, "/key")]),
 ("ChangeConfiguration.conf", [{"status": "RebootRequired"}], [inv({}, O, "/status")]),
 ("ClearCache.req", [{}], [inv({"all": True}, P, "/all")]),
 ("ClearCache.conf", [{"status": "Accepted"}], [inv({"status": "Done"}, F, "/status")]),
 ("ClearChargingProfile.req", [{}, {"id": 7, "connectorId": 1, "chargingProfilePurpose": "TxDefaultProfile", "stackLevel": 2}], [inv({"chargingProfilePurpose": "Everything"}, F, "/chargingProfilePurpose"), inv({"id": "7"}, T, "/id")]),
 ("ClearChargingProfile.conf", [{"status": "Unknown"}], [inv({"status": "Rejected"}, F, "/status")]),
 ("DataTransfer.req", [{"vendorId": "com.acme", "messageId": "Tariff", "data": "{\"price\":12}"}], [inv({"messageId": "x"}, O, "/vendorId"), inv({"vendorId": "com.acme", "data": {"price": 12}}, T, "/data")]),
 ("DataTransfer.conf", [{"status": "UnknownVendorId"}, {"status": "Accepted", "data": "ok"}], [inv({"status": "Accepted", "data": 1}, T, "/data")]),
 ("DeleteCertificate.req", [{"certificateHashData": hashdata}], [inv({"certificateHashData": dict(hashdata, hashAlgorithm="MD5")}, F, "/certificateHashData/hashAlgorithm"), inv({"certificateHashData": {k: v for k, v in hashdata.items() if k != "serialNumber"}}, O, "/certificateHashData/serialNumber")]),
 ("DeleteCertificate.conf", [{"status": "NotFound"}], [inv({"status": "Gone"}, F, "/status")]),
 ("DiagnosticsStatusNotification.req", [{"status": "Uploaded"}], [inv({"status": "Done"}, F, "/status")]),
 ("DiagnosticsStatusNotification.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("ExtendedTriggerMessage.req", [{"requestedMessage": "SignChargePointCertificate"}, {"requestedMessage": "MeterValues", "connectorId": 2}], [inv({"requestedMessage": "DiagnosticsStatusNotification"}, F, "/requestedMessage")]),
 ("ExtendedTriggerMessage.conf", [{"status": "NotImplemented"}], [inv({"status": 1}, T, "/status")]),
 ("FirmwareStatusNotification.req", [{"status": "Installed"}], [inv({"status": "InstallRebooting"}, F, "/status")]),
 ("FirmwareStatusNotification.conf", [{}], [inv({"x": None}, P, "/x")]),
 ("GetCompositeSchedule.req", [{"connectorId": 1, "duration": 86400, "chargingRateUnit": "A"}], [inv({"connectorId": 1}, O, "/duration"), inv({"connectorId": 1, "duration": 60, "chargingRateUnit": "kW"}, F, "/chargingRateUnit")]),
 ("GetCompositeSchedule.conf", [{"status": "Accepted", "connectorId": 1, "scheduleStart": TS, "chargingSchedule": sched}, {"status": "Rejected"}], [inv({"status": "Accepted", "chargingSchedule": dict(sched, chargingSchedulePeriod=[{"startPeriod": 0, "limit": 16.05}])}, O, "/chargingSchedule/chargingSchedulePeriod/0/limit"), inv({"status": "Accepted", "chargingSchedule": {"chargingRateUnit": "A"}}, O, "/chargingSchedule/chargingSchedulePeriod")]),
 ("GetConfiguration.req", [{}, {"key": ["HeartbeatInterval", "MeterValueSampleInterval"]}], [inv({"key": "HeartbeatInterval"}, T, "/key"), inv({"key": ["k"*51]}, F, "/key/0")]),
 ("GetConfiguration.conf", [{"configurationKey": [{"key": "HeartbeatInterval", "readonly": False, "value": "300"}], "unknownKey": ["Foo"]}], [inv({"configurationKey": [{"key": "HeartbeatInterval", "value": "300"}]}, O, "/configurationKey/0/readonly"), inv({"configurationKey": [{"key": "A", "readonly": "no"}]}, T, "/configurationKey/0/readonly")]),
 ("GetDiagnostics.req", [{"location": "ftp://user:pw@diag.example.com/uploads/", "retries": 3, "retryInterval": 60, "startTime": TS, "stopTime": "2024-05-02T12:00:00Z"}], [inv({"location": "not a uri"}, F, "/location"), inv({"retries": 3}, O, "/location")]),
 ("GetDiagnostics.conf", [{}, {"fileName": "diag-2024-05-01.zip"}], [inv({"fileName": "f"*256}, F, "/fileName")]),
 ("GetInstalledCertificateIds.req", [{"certificateType": "CentralSystemRootCertificate"}], [inv({"certificateType": "V2GRootCertificate"}, F, "/certificateType")]),
 ("GetInstalledCertificateIds.conf", [{"status": "Accepted", "certificateHashData": [hashdata]}, {"status": "NotFound"}], [inv({"status": "Accepted", "certificateHashData": []}, O, "/certificateHashData")]),
 ("GetLocalListVersion.req", [{}], [inv({"version": 1}, P, "/version")]),
 ("GetLocalListVersion.conf", [{"listVersion": 12}, {"listVersion": -1}], [inv({"listVersion": "12"}, T, "/listVersion")]),
 ("GetLog.req", [{"log": {"remoteLocation": "https://logs.example.com/upload", "oldestTimestamp": TS, "latestTimestamp": "2024-05-02T00:00:00Z"}, "logType": "SecurityLog", "requestId": 5, "retries": 1, "retryInterval": 30}], [inv({"log": {"remoteLocation": "https://x"}, "logType": "SecurityLog"}, O, "/requestId"), inv({"log": {"remoteLocation": "https://x", "oldestTimestamp": "2024-13-01T00:00:00Z"}, "logType": "DiagnosticsLog", "requestId": 1}, F, "/log/oldestTimestamp")]),
 ("GetLog.conf", [{"status": "Accepted", "filename": "security.log"}], [inv({"status": "Accepted", "fileName": "x"}, P, "/fileName")]),
 ("Heartbeat.req", [{}], [inv({"ping": 1}, P, "/ping")]),
 ("Heartbeat.conf", [{"currentTime": TS}, {"currentTime": "2024-05-01T12:00:00.123+02:00"}], [inv({"currentTime": "2024-02-30T12:00:00Z"}, F, "/currentTime"), inv({"currentTime": 1714564800}, T, "/currentTime"), inv({}, O, "/currentTime")]),
 ("InstallCertificate.req", [{"certificateType": "ManufacturerRootCertificate", "certificate": "-----BEGIN CERTIFICATE-----"}], [inv({"certificateType": "ManufacturerRootCertificate", "certificate": "c"*5501}, F, "/certificate")]),
 ("InstallCertificate.conf", [{"status": "Failed"}], [inv({"status": "Unknown"}, F, "/status")]),
 ("LogStatusNotification.req", [{"status": "Uploading", "requestId": 5}], [inv({"status": "Uploading", "requestId": 5.5}, T, "/requestId")]),
 ("LogStatusNotification.conf", [{}], [inv({"ok": True}, P, "/ok")]),
 ("MeterValues.req", [{"connectorId": 1, "transactionId": 42, "meterValue": [{"timestamp": TS, "sampledValue": [sv, {"value": "7.2", "measurand": "Power.Active.Import", "unit": "kW"}, {"value": "80", "measurand": "SoC", "unit": "Percent", "location": "EV"}]}]}], [inv({"connectorId": 1, "meterValue": [{"timestamp": TS, "sampledValue": [dict(sv, unit="kWhh")]}]}, F, "/meterValue/0/sampledValue/0/unit"), inv({"connectorId": 1, "meterValue": [{"timestamp": TS, "sampledValue": [{"value": 1234}]}]}, T, "/meterValue/0/sampledValue/0/value"), inv({"connectorId": 1, "meterValue": [{"sampledValue": [sv]}]}, O, "/meterValue/0/timestamp")]),
 ("MeterValues.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("RemoteStartTransaction.req", [{"idTag": "04A2B3C4D5E6F7"}, {"connectorId": 1, "idTag": "TAG-1", "chargingProfile": profile}], [inv({"connectorId": 1}, O, "/idTag"), inv({"idTag": "TAG-1", "chargingProfile": with_limit(0.35)}, O, "/chargingProfile/chargingSchedule/chargingSchedulePeriod/0/limit"), inv({"idTag": "TAG-1", "chargingProfile": dict(profile, chargingProfileKind="Once")}, F, "/chargingProfile/chargingProfileKind")]),
 ("RemoteStartTransaction.conf", [{"status": "Accepted"}], [inv({"status": "Started"}, F, "/status")]),
 ("RemoteStopTransaction.req", [{"transactionId": 42}], [inv({"transactionId": "42"}, T, "/transactionId")]),
 ("RemoteStopTransaction.conf", [{"status": "Rejected"}], [inv({"status": "Accepted", "reason": "x"}, P, "/reason")]),
 ("ReserveNow.req", [{"connectorId": 1, "expiryDate": "2024-05-01T13:00:00Z", "idTag": "TAG-1", "parentIdTag": "PARENT-1", "reservationId": 3}], [inv({"connectorId": 1, "expiryDate": "2024-05-01", "idTag": "TAG-1", "reservationId": 3}, F, "/expiryDate"), inv({"connectorId": 1, "expiryDate": TS, "idTag": "TAG-1"}, O, "/reservationId")]),
 ("ReserveNow.conf", [{"status": "Occupied"}], [inv({"status": "Busy"}, F, "/status")]),
 ("Reset.req", [{"type": "Soft"}], [inv({"type": "Warm"}, F, "/type"), inv({"type": ["Hard"]}, T, "/type")]),
 ("Reset.conf", [{"status": "Accepted"}], [inv({}, O, "/status")]),
 ("SecurityEventNotification.req", [{"type": "FirmwareUpdated", "timestamp": TS, "techInfo": "v1.2.3"}], [inv({"type": "t"*51, "timestamp": TS}, F, "/type"), inv({"type": "StartupOfTheDevice"}, O, "/timestamp")]),
 ("SecurityEventNotification.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("SendLocalList.req", [{"listVersion": 3, "updateType": "Full", "localAuthorizationList": [{"idTag": "TAG-1", "idTagInfo": idTagInfo}, {"idTag": "TAG-2"}]}], [inv({"listVersion": 3, "updateType": "Partial"}, F, "/updateType"), inv({"listVersion": 3, "updateType": "Full", "localAuthorizationList": [{"idTagInfo": {"status": "Accepted"}}]}, O, "/localAuthorizationList/0/idTag")]),
 ("SendLocalList.conf", [{"status": "VersionMismatch"}], [inv({"status": "Conflict"}, F, "/status")]),
 ("SetChargingProfile.req", [{"connectorId": 0, "csChargingProfiles": dict(profile, chargingProfilePurpose="ChargePointMaxProfile", chargingProfileKind="Recurring", recurrencyKind="Daily")}], [inv({"connectorId": 1, "csChargingProfiles": with_limit(16.04)}, O, "/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit"), inv({"connectorId": 1, "csChargingProfiles": dict(profile, stackLevel="1")}, T, "/csChargingProfiles/stackLevel"), inv({"connectorId": 1, "csChargingProfiles": dict(profile, recurrencyKind="Monthly")}, F, "/csChargingProfiles/recurrencyKind")]),
 ("SetChargingProfile.conf", [{"status": "NotSupported"}], [inv({"status": "Unknown"}, F, "/status")]),
 ("SignCertificate.req", [{"csr": "-----BEGIN CERTIFICATE REQUEST-----"}], [inv({"csr": "c"*5501}, F, "/csr")]),
 ("SignCertificate.conf", [{"status": "Accepted"}], [inv({"status": "Signed"}, F, "/status")]),
 ("SignedFirmwareStatusNotification.req", [{"status": "SignatureVerified", "requestId": 9}], [inv({"status": "Verified"}, F, "/status")]),
 ("SignedFirmwareStatusNotification.conf", [{}], [inv({"x": 1}, P, "/x")]),
 ("SignedUpdateFirmware.req", [{"requestId": 9, "retries": 2, "retryInterval": 60, "firmware": {"location": "https://fw.example.com/fw.bin", "retrieveDateTime": TS, "installDateTime": "2024-05-01T13:00:00Z", "signingCertificate": "-----BEGIN CERTIFICATE-----", "signature": "c2lnbmF0dXJl"}}], [inv({"requestId": 9, "firmware": {"location": "https://fw.example.com/fw.bin", "retrieveDateTime": TS, "signingCertificate": "c", "signature": "s"*801}}, F, "/firmware/signature"), inv({"requestId": 9, "firmware": {"location": "https://fw", "retrieveDateTime": TS, "signature": "s"}}, O, "/firmware/signingCertificate")]),
 ("SignedUpdateFirmware.conf", [{"status": "RevokedCertificate"}], [inv({"status": "Revoked"}, F, "/status")]),
 ("StartTransaction.req", [{"connectorId": 1, "idTag": "TAG-1", "meterStart": 1250, "reservationId": 3, "timestamp": TS}], [inv({"connectorId": 1, "idTag": "TAG-1", "meterStart": 1250.5, "timestamp": TS}, T, "/meterStart"), inv({"connectorId": 1, "idTag": "TAG-1", "timestamp": TS}, O, "/meterStart"), inv({"connectorId": 1, "idTag": "TAG-1", "meterStart": 0, "timestamp": "2024-05-01 12:00"}, F, "/timestamp")]),
 ("StartTransaction.conf", [{"idTagInfo": {"status": "Accepted"}, "transactionId": 42}], [inv({"idTagInfo": {"status": "Accepted"}}, O, "/transactionId"), inv({"idTagInfo": {"status": "Accepted", "parentIdTag": "p"*21}, "transactionId": 42}, F, "/idTagInfo/parentIdTag")]),
 ("StatusNotification.req", [{"connectorId": 1, "errorCode": "NoError", "status": "Charging", "timestamp": TS, "info": "ok", "vendorId": "com.acme", "vendorErrorCode": "E0"}], [inv({"connectorId": 1, "errorCode": "NoError", "status": "Busy"}, F, "/status"), inv({"connectorId": 1, "status": "Available"}, O, "/errorCode"), inv({"connectorId": 1.5, "errorCode": "NoError", "status": "Available"}, T, "/connectorId")]),
 ("StatusNotification.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
 ("StopTransaction.req", [{"transactionId": 42, "idTag": "TAG-1", "meterStop": 9870, "timestamp": TS, "reason": "EVDisconnected", "transactionData": [{"timestamp": TS, "sampledValue": [sv]}]}, {"transactionId": -1, "meterStop": 0, "timestamp": TS}], [inv({"transactionId": 42, "meterStop": 9870, "timestamp": TS, "reason": "Unplugged"}, F, "/reason"), inv({"transactionId": 42, "meterStop": 9870, "timestamp": TS, "transactionData": [{"timestamp": TS, "sampledValue": [dict(sv, context="Sample")]}]}, F, "/transactionData/0/sampledValue/0/context"), inv({"meterStop": 9870, "timestamp": TS}, O, "/transactionId")]),
 ("StopTransaction.conf", [{}, {"idTagInfo": {"status": "Expired"}}], [inv({"idTagInfo": {"status": "Accepted", "extra": 1}}, P, "/idTagInfo/extra")]),
 ("TriggerMessage.req", [{"requestedMessage": "StatusNotification", "connectorId": 1}], [inv({"requestedMessage": "SignChargePointCertificate"}, F, "/requestedMessage"), inv({"connectorId": 1}, O, "/requestedMessage")]),
 ("TriggerMessage.conf", [{"status": "Accepted"}], [inv({"status": "Done"}, F, "/status")]),
 ("UnlockConnector.req", [{"connectorId": 2}], [inv({"connectorId": "2"}, T, "/connectorId")]),
 ("UnlockConnector.conf", [{"status": "UnlockFailed"}], [inv({"status": "Locked"}, F, "/status")]),
 ("UpdateFirmware.req", [{"location": "https://fw.example.com/fw-1.2.4.bin", "retrieveDate": TS, "retries": 3, "retryInterval": 120}], [inv({"location": "fw.bin", "retrieveDate": TS}, F, "/location"), inv({"location": "https://fw.example.com/fw.bin"}, O, "/retrieveDate")]),
 ("UpdateFirmware.conf", [{}], [inv({"status": "Accepted"}, P, "/status")]),
]
out = [{"schema": s, "valid": v, "invalid": i} for s, v, i in S]

json.dump(out, open("ocpp16_samples.json", "w"), indent=1)
